import type { StationFormat } from '#lib/config/schema';

export type { StationFormat } from '#lib/config/schema';

export interface Station {
	/** Stable slug of the display name, e.g. "bbc-radio-1". Unique. */
	readonly id: string;
	/** Display name: the key under `radios` in the file. */
	readonly name: string;
	readonly url: string;
	/** Lowercase, trimmed, unique across all stations and never another station's id. */
	readonly aliases: readonly string[];
	/** Nominal bitrate in kbps. */
	readonly bitrate: number;
	readonly format: StationFormat;
	readonly description: string;
	/**
	 * An http(s) image URL shown as a thumbnail (the bot never fetches it): config.yaml's `logo`, or a directory station's
	 * favicon after the URL safety checks. Server-added stations have none.
	 */
	readonly logo?: string;
	/** Ids of the stations its listeners move to, in order, when it stays down (config.yaml `fallback`, resolved at load). */
	readonly fallback?: readonly string[];
	/**
	 * Set only for user-provided stations: a server's custom station (/station add), the server that added it; a station
	 * from the directory (/radio search), the server that plays it. Their streams go through the URL safety checks (see
	 * StationStreams) and count against that server's pipeline caps.
	 */
	readonly guildId?: string;
}

export interface BotConfig {
	readonly prefix: string;
	readonly description: string;
	readonly version: string;
	readonly githubUrl: string;
}

export interface Donation {
	readonly name: string;
	readonly url: string;
	readonly emoji: string | undefined;
}

export interface VoiceConfig {
	readonly idleTimeoutSeconds: number;
	readonly pipelineGraceSeconds: number;
	readonly opusBitrateKbps: number;
	readonly restartAttempts: number;
	readonly restartMaxDelaySeconds: number;
	readonly statusIntervalSeconds: number;
	/** Pipelines of custom stations (/station add) running at once, all servers together. */
	readonly maxCustomPipelines: number;
	/** Pipelines of its own custom stations one server may run at once (volume levels count separately). */
	readonly maxCustomPipelinesPerServer: number;
	readonly joinTimeoutSeconds: number;
	readonly stallTimeoutSeconds: number;
	readonly healthyAfterSeconds: number;
	readonly rejoinAttempts: number;
	readonly cardIntervalSeconds: number;
	readonly gatewayJoinsPerMinute: number;
	readonly joinQueueWaitSeconds: number;
	/** False: one pipeline per server instead of per station and volume (benchmark comparison only). */
	readonly sharePipelines: boolean;
}

/** Probing stations nobody listens to, for failover and the station list. */
export interface HealthConfig {
	readonly probeIntervalSeconds: number;
	readonly probeConcurrency: number;
	readonly probesPerRound: number;
}

/** How saved and 24/7 sessions come back after a restart. */
export interface ResumeConfig {
	readonly windowSeconds: number;
	readonly maxSpacingMs: number;
	readonly attempts: number;
	readonly retryDelaySeconds: number;
	readonly retryMaxDelaySeconds: number;
	/** Rejoins one shard starts per minute (each is a gateway command; Discord allows 120 a minute per shard). */
	readonly joinsPerShardMinute: number;
}

/** How many shards the bot runs when SHARD_COUNT does not say, and how processes report their counts for /info. */
export interface ShardingConfig {
	readonly maxShards: number;
	readonly statsIntervalSeconds: number;
	readonly statsTimeoutMs: number;
	readonly respawnMaxDelaySeconds: number;
}

/** Watching config.yaml for edits. */
export interface ConfigReloadConfig {
	readonly watch: boolean;
	readonly debounceMs: number;
}

/** Rate limits on what members and servers change. */
export interface LimitsConfig {
	readonly playbackChanges: number;
	readonly playbackWindowSeconds: number;
	readonly setupChanges: number;
	readonly setupWindowSeconds: number;
	/** Directory searches and favourite changes per member… */
	readonly memberActions: number;
	readonly memberWindowSeconds: number;
}

export interface StreamConfig {
	readonly preflightTimeoutMs: number;
	readonly userAgent: string;
	/** Lets custom stations reach loopback and private addresses. For tests only. */
	readonly allowPrivateAddresses: boolean;
}

/** The radio-browser.info directory behind /radio search. */
export interface DirectoryConfig {
	readonly enabled: boolean;
	/** One API server (https); null: discovered through `discoveryHost`. */
	readonly baseUrl: string | null;
	readonly discoveryHost: string;
	readonly discoveryTtlSeconds: number;
	readonly cacheTtlSeconds: number;
	readonly resultLimit: number;
	readonly requestTimeoutMs: number;
	readonly maxResponseBytes: number;
	/** Directory requests of the whole bot per window. */
	readonly maxRequests: number;
	readonly requestsWindowSeconds: number;
}

export interface FavoritesConfig {
	readonly maxPerMember: number;
}

export interface SleepConfig {
	readonly maxMinutes: number;
}

export interface StatsConfig {
	readonly flushSeconds: number;
	readonly retentionDays: number;
	readonly maxStationsPerDay: number;
}

export interface SetupConfig {
	readonly wizardTimeoutSeconds: number;
}

export interface Config {
	/** Absolute path of the file this config was loaded from. */
	readonly file: string;
	readonly bot: BotConfig;
	/** Stations in file order. */
	readonly radios: readonly Station[];
	readonly donations: readonly Donation[];
	readonly voice: VoiceConfig;
	readonly stream: StreamConfig;
	readonly setup: SetupConfig;
	readonly resume: ResumeConfig;
	readonly limits: LimitsConfig;
	readonly sharding: ShardingConfig;
	readonly configReload: ConfigReloadConfig;
	readonly directory: DirectoryConfig;
	readonly favorites: FavoritesConfig;
	readonly sleep: SleepConfig;
	readonly stats: StatsConfig;
	readonly health: HealthConfig;
}
