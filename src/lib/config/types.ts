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
	/** An http(s) image URL from config.yaml (the operator's, so trusted), shown as a thumbnail. Server-added stations have none. */
	readonly logo?: string;
	/** Ids of the stations its listeners move to, in order, when it stays down (config.yaml `fallback`, resolved at load). */
	readonly fallback?: readonly string[];
	/**
	 * Set only for a server's custom station (/station add): the server that added it. Such a station is user-provided,
	 * so its streams go through the URL safety checks (see StationStreams).
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
}

export interface StreamConfig {
	readonly preflightTimeoutMs: number;
	readonly userAgent: string;
	/** Lets custom stations reach loopback and private addresses. For tests only. */
	readonly allowPrivateAddresses: boolean;
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
	readonly health: HealthConfig;
}
