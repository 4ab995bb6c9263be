import type { CommandLimit } from './GatewayConnection.js';

export interface GatewayOptions {
	/** Shard count GET /gateway/bot recommends (`shards`); default 1. */
	shards: number;
	/** `session_start_limit.max_concurrency`: identify buckets (`shard_id % max_concurrency`), one IDENTIFY per 5 s each; default 1. */
	maxConcurrency: number;
	/** `session_start_limit.total`; `remaining` drops by one per IDENTIFY served; default 1000. */
	sessionStartTotal: number;
	/** Answer an IDENTIFY that breaks the identify rules with op 9 (as Discord does) instead of only recording it; default false. */
	enforceIdentifyLimits: boolean;
	/** Close with 4011 (sharding required) when one session would serve more guilds than this; default 2500 (Discord's figure). */
	requireShardingAbove: number;
	/** Gateway commands a connection may send per window before Discord closes it with 4008; default 120 per 60 s. */
	commandLimit: CommandLimit;
	/** HELLO's heartbeat_interval; default 41 250 ms (Discord's). Lower it to see zombie detection quickly. */
	heartbeatIntervalMs: number;
}

export const defaultGatewayOptions: GatewayOptions = {
	shards: 1,
	maxConcurrency: 1,
	sessionStartTotal: 1000,
	enforceIdentifyLimits: false,
	requireShardingAbove: 2500,
	commandLimit: { count: 120, windowMs: 60_000 },
	heartbeatIntervalMs: 41_250
};
