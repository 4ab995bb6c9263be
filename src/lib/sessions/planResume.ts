import type { CardRef, GuildSettings, SessionRecord } from '#lib/settings/types';

/** A voice channel to (re)join at startup: a saved session, or a 24/7 server's configured channel. */
export interface JoinTarget {
	readonly guildId: string;
	readonly channelId: string;
	readonly stationId: string;
	/** Percent; null = the server's default volume. */
	readonly volume: number | null;
	readonly textChannelId: string | null;
	/** When the saved session started (epoch ms), so the resumed one keeps its "playing since"; null for a 24/7 join. */
	readonly since: number | null;
	readonly source: 'saved' | 'autoJoin';
	/** The saved session's now-playing card, edited again once it resumes. */
	readonly card?: CardRef | null;
	/** The station the saved session stood in for after a failover. */
	readonly failoverFromId?: string | null;
}

export interface PlannedJoin extends JoinTarget {
	/** Wait this long after ready before joining, so a thousand joins do not start in the same instant. */
	readonly delayMs: number;
}

export interface ResumePlanInput {
	/** Every saved session in the store (several bot instances may share it). */
	readonly saved: readonly SessionRecord[];
	/** Settings of this client's guilds that have auto-join (24/7) on. */
	readonly autoJoin: ReadonlyMap<string, GuildSettings>;
	/** Whether this client serves the guild (its shard, its instance). */
	readonly hasGuild: (guildId: string) => boolean;
	/** Every join starts within this window after ready. */
	readonly windowMs: number;
	/** Joins are at most this far apart (a handful of guilds all start almost at once). */
	readonly maxSpacingMs: number;
}

export interface ResumePlan {
	readonly joins: PlannedJoin[];
	/** Saved sessions of guilds this client does not serve: left alone, another instance may resume them. */
	readonly foreign: SessionRecord[];
}

/**
 * Which channels to join after a (re)start, and when: each saved session of our guilds (the newest if a guild has
 * several), then each 24/7 guild without one; spread evenly over `windowMs`, at most `maxSpacingMs` apart.
 */
export function planResume({ saved, autoJoin, hasGuild, windowMs, maxSpacingMs }: ResumePlanInput): ResumePlan {
	const newest = new Map<string, SessionRecord>();
	const foreign: SessionRecord[] = [];
	for (const record of saved) {
		if (!hasGuild(record.guildId)) foreign.push(record);
		else if ((newest.get(record.guildId)?.since ?? -Infinity) < record.since) newest.set(record.guildId, record);
	}

	const targets: JoinTarget[] = [...newest.values()].map(
		({ guildId, channelId, stationId, volume, textChannelId, since, card, failoverFromId }) => ({
			guildId,
			channelId,
			stationId,
			volume,
			textChannelId,
			since,
			source: 'saved',
			card,
			failoverFromId
		})
	);
	for (const [guildId, settings] of autoJoin) {
		if (newest.has(guildId) || !hasGuild(guildId) || !settings.autoJoin || !settings.voiceChannelId || !settings.defaultStationId) continue;
		targets.push({
			guildId,
			channelId: settings.voiceChannelId,
			stationId: settings.defaultStationId,
			volume: null,
			textChannelId: settings.noticeChannelId,
			since: null,
			source: 'autoJoin'
		});
	}

	const spacing = targets.length > 1 ? Math.min(maxSpacingMs, windowMs / (targets.length - 1)) : 0;
	return { joins: targets.map((target, index) => ({ ...target, delayMs: Math.round(index * spacing) })), foreign };
}
