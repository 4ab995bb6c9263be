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
	/** The shard that serves the guild: each shard sends its own joins (gateway op 4) within its own rate budget. Default: one shard. */
	readonly shardOf?: (guildId: string) => number;
	/** Joins one shard starts per minute (Discord allows 120 gateway commands a minute per shard; discord.js sends 114). Default: no cap. */
	readonly joinsPerShardMinute?: number;
	/** A shard's joins of one minute start within this window. */
	readonly windowMs: number;
	/** Joins of one shard are at most this far apart (a handful of guilds all start almost at once). */
	readonly maxSpacingMs: number;
}

export interface ResumePlan {
	readonly joins: PlannedJoin[];
	/** Saved sessions of guilds this client does not serve: left alone, another instance may resume them. */
	readonly foreign: SessionRecord[];
}

/** A minute: the window in which Discord counts a shard's gateway commands. */
export const ShardBudgetWindowMs = 60_000;

/**
 * Which channels to join after a (re)start, and when: each saved session of our guilds (the newest if a guild has
 * several), then each 24/7 guild without one. Every shard spaces its own joins: at most `joinsPerShardMinute` a minute,
 * each minute's spread evenly over `windowMs` and at most `maxSpacingMs` apart, all shards at the same time.
 */
export function planResume(input: ResumePlanInput): ResumePlan {
	const { saved, autoJoin, hasGuild } = input;
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

	const byShard = new Map<number, JoinTarget[]>();
	for (const target of targets) {
		const shard = input.shardOf?.(target.guildId) ?? 0;
		byShard.set(shard, [...(byShard.get(shard) ?? []), target]);
	}
	const joins = [...byShard.values()].flatMap((shardTargets) => spread(shardTargets, input));
	return { joins: joins.sort((a, b) => a.delayMs - b.delayMs), foreign };
}

/**
 * One shard's joins: `perMinute` in each minute, with the same spacing in every minute, so that any 60 s (however
 * Discord's window falls) holds at most one minute's worth.
 */
function spread(targets: JoinTarget[], { joinsPerShardMinute, windowMs, maxSpacingMs }: ResumePlanInput): PlannedJoin[] {
	const perMinute = Math.max(1, joinsPerShardMinute ?? targets.length);
	const inFullestMinute = Math.min(perMinute, targets.length);
	// A window over a minute would let one minute's last joins meet the next minute's.
	const window = Math.min(windowMs, ShardBudgetWindowMs);
	const spacing = inFullestMinute > 1 ? Math.min(maxSpacingMs, window / (inFullestMinute - 1)) : 0;
	return targets.map((target, index) => {
		const minute = Math.floor(index / perMinute);
		return { ...target, delayMs: minute * ShardBudgetWindowMs + Math.round((index % perMinute) * spacing) };
	});
}
