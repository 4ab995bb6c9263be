import type { StationFormat } from './schema.js';

export type { StationFormat } from './schema.js';

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
	/** False: one pipeline per server instead of per station and volume (benchmark comparison only). */
	readonly sharePipelines: boolean;
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
}
