import type { RedisShared } from '#lib/settings/RedisShared';

/** Volume limits a server sets, in percent of the station's own level (100 = unchanged). */
export interface VolumeLimits {
	readonly min: number;
	readonly max: number;
	readonly default: number;
}

/** Everything an admin can shape for their server. `null` means "not set". */
export interface GuildSettings {
	/** A Discord locale code that overrides the user's and the server's locale for every reply. */
	readonly language: string | null;
	/** The voice or stage channel to join for 24/7 and when a DJ plays without being in voice. */
	readonly voiceChannelId: string | null;
	/** Members with this role may play, stop and change volume; `null` lets everyone. */
	readonly djRoleId: string | null;
	/** Station id played by auto-join. */
	readonly defaultStationId: string | null;
	/** 24/7: join `voiceChannelId` with `defaultStationId` at startup and after any disconnect. */
	readonly autoJoin: boolean;
	readonly volume: VolumeLimits;
	/** Where notices (station down, resumed, …) go; `null` = the channel the command came from. */
	readonly noticeChannelId: string | null;
	/** Post a now-playing card (song, listeners, controls) when the radio starts. */
	readonly nowPlayingCard: boolean;
	/** After a failover to a fallback station, go back to the original one once it is on air again. */
	readonly switchBack: boolean;
}

export const DefaultVolumeLimits: VolumeLimits = Object.freeze({ min: 10, max: 150, default: 100 });

export const DefaultGuildSettings: GuildSettings = Object.freeze({
	language: null,
	voiceChannelId: null,
	djRoleId: null,
	defaultStationId: null,
	autoJoin: false,
	volume: DefaultVolumeLimits,
	noticeChannelId: null,
	nowPlayingCard: true,
	switchBack: true
});

/** The now-playing card of a session: the public message the bot keeps editing, across restarts. */
export interface CardRef {
	readonly channelId: string;
	readonly messageId: string;
}

/** A guild that is listening right now, persisted so a restart (even SIGKILL) can resume it. */
export interface SessionRecord {
	readonly guildId: string;
	readonly channelId: string;
	readonly stationId: string;
	/** Percent. */
	readonly volume: number;
	readonly textChannelId: string | null;
	/** Epoch ms when this station started in this guild. */
	readonly since: number;
	/** The now-playing card to keep editing after a restart; null when there is none. */
	readonly card: CardRef | null;
	/** The station this one stands in for after a failover (switched back to once it recovers); null normally. */
	readonly failoverFromId: string | null;
}

/** A station a server added with /station add; only that server sees it. */
export interface CustomStationRecord {
	/** Globally unique: `g<guildId>-<slug>`, so it never collides with config.yaml stations or other servers'. */
	readonly id: string;
	readonly name: string;
	readonly url: string;
	readonly aliases: readonly string[];
	/** Detected by the preflight when it was added. */
	readonly format: string;
	readonly bitrate: number;
	readonly addedBy: string;
	/** Epoch ms. */
	readonly addedAt: number;
}

/**
 * A station a member keeps (a favourite, or the last one they started): the station's id, and what is needed to show
 * it, and, for a directory station (id `rb-<uuid>`, in no catalog), to play it again.
 */
export interface MemberStation {
	readonly id: string;
	readonly name: string;
	/** Directory stations only: the stream URL (checked like a custom station's whenever it plays). */
	readonly url?: string;
	/** Directory stations only: their logo (favicon), checked when it came from the directory. */
	readonly logo?: string;
	readonly format: string;
	readonly bitrate: number;
}

/** One member's stations, across servers: their favourites (newest last) and the last station they started. */
export interface MemberStationsRecord {
	readonly favorites: readonly MemberStation[];
	readonly last: MemberStation | null;
}

export const EmptyMemberStations: MemberStationsRecord = Object.freeze({ favorites: Object.freeze([]), last: null });

/** `[station index, seconds of radio with someone listening, seconds summed over listeners]` for one day. */
export type ListeningEntry = readonly [station: number, seconds: number, listenerSeconds: number];

/** A server's listening per UTC day, compact: station ids and names once, days referring to them by index. */
export interface ListeningStatsRecord {
	readonly stations: readonly { readonly id: string; readonly name: string }[];
	/** Oldest first; `day` counts UTC days since 1970-01-01. */
	readonly days: readonly { readonly day: number; readonly entries: readonly ListeningEntry[] }[];
}

export const EmptyListeningStats: ListeningStatsRecord = Object.freeze({ stations: Object.freeze([]), days: Object.freeze([]) });

/** A server's /radio sleep timer, kept so that a restart that resumes the radio still stops it in time. */
export interface SleepTimerRecord {
	/** Epoch ms when the radio stops. */
	readonly endsAt: number;
	readonly setBy: string;
	/** Epoch ms when the session it belongs to started: a restart resumes the timer only with that session. */
	readonly sessionSince: number;
}

/**
 * Durable per-server state. Every method either succeeds or throws a SettingsStoreError (with a clear,
 * operator-facing message): a read failure never returns defaults, so a broken database never silently resets a server.
 */
export interface SettingsStore {
	/** Set when the storage is a Redis other instances share: their change messages and counts. */
	readonly shared?: RedisShared | null;

	guild(guildId: string): Promise<GuildSettings>;
	/** Merges `patch` into the stored settings (volume limits merge field by field) and returns the result. */
	updateGuild(guildId: string, patch: SettingsPatch): Promise<GuildSettings>;
	resetGuild(guildId: string): Promise<void>;

	/**
	 * Every saved session. A record that cannot be read makes the whole call throw, unless `onUnreadable` is given:
	 * then that record is reported and skipped, so one damaged session does not stop every other server from resuming.
	 */
	listSessions(onUnreadable?: (error: Error) => void): Promise<SessionRecord[]>;
	saveSession(session: SessionRecord): Promise<void>;
	deleteSession(guildId: string): Promise<void>;

	customStations(guildId: string): Promise<CustomStationRecord[]>;
	saveCustomStations(guildId: string, stations: readonly CustomStationRecord[]): Promise<void>;

	/** Calls `listener` after another instance sharing the storage (Redis) changed a server's settings or stations. */
	onChange(listener: (change: StoreChange) => void): void;
	/** A member's favourites and last station (across servers); empty when none were kept. */
	memberStations(userId: string): Promise<MemberStationsRecord>;
	/** Reads, changes and writes a member's stations, one change at a time per member; returns what was written. */
	updateMemberStations(userId: string, change: (current: MemberStationsRecord) => MemberStationsRecord): Promise<MemberStationsRecord>;

	listeningStats(guildId: string): Promise<ListeningStatsRecord>;
	/** Reads, changes and writes a server's listening statistics, one change at a time per server. */
	updateListeningStats(guildId: string, change: (current: ListeningStatsRecord) => ListeningStatsRecord): Promise<ListeningStatsRecord>;

	sleepTimer(guildId: string): Promise<SleepTimerRecord | null>;
	/** `null` deletes it. */
	saveSleepTimer(guildId: string, timer: SleepTimerRecord | null): Promise<void>;

	close(): Promise<void>;
}

/** What another instance changed: one server's settings or custom stations, or (messages may have been missed) anything. */
export type StoreChange =
	| { readonly kind: 'guild' | 'stations'; readonly guildId: string }
	/** A member's favourites or last station (they follow the member across servers, so across instances). */
	| { readonly kind: 'member'; readonly userId: string }
	| { readonly kind: 'everything' };

/** A change one instance tells the others. */
export type AnnouncedChange = Exclude<StoreChange, { readonly kind: 'everything' }>;

export type SettingsPatch = Partial<Omit<GuildSettings, 'volume'>> & { readonly volume?: Partial<VolumeLimits> };
