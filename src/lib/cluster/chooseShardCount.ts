/** The shard a guild belongs to with `shardCount` shards: Discord's `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Rejoins a shard can start in a minute: the resume's own budget (`resume.joins_per_shard_minute`), and never more than
 * the voice gateway queue lets out per shard (`voice.gateway_joins_per_minute`), or the rest would wait in that queue.
 */
export function rejoinsPerShardMinute(config: { resume: { joinsPerShardMinute: number }; voice: { gatewayJoinsPerMinute: number } }): number {
	return Math.min(config.resume.joinsPerShardMinute, config.voice.gatewayJoinsPerMinute);
}

/**
 * Saved sessions one shard can rejoin so that the last is playing within a minute of READY: what the resume plan sends
 * at the rejoin rate in that minute less one join timeout, which is left for the last voice handshake.
 */
export function resumableSessionsPerShard(config: {
	resume: { joinsPerShardMinute: number };
	voice: { gatewayJoinsPerMinute: number; joinTimeoutSeconds: number };
}): number {
	const handshakeSeconds = Math.min(59, config.voice.joinTimeoutSeconds);
	return Math.max(1, Math.floor((rejoinsPerShardMinute(config) * (60 - handshakeSeconds)) / 60));
}

export interface ShardCountInput {
	/** Discord's recommendation (GET /gateway/bot `shards`): never fewer. */
	readonly recommended: number;
	/** The guilds of the saved sessions a start will rejoin. */
	readonly sessionGuildIds: readonly string[];
	/** Saved sessions one shard can rejoin within its first minute (resumableSessionsPerShard). */
	readonly joinsPerShardMinute: number;
	/** Never more (config `sharding.max_shards`), unless Discord recommends more. */
	readonly maxShards: number;
}

export interface ShardCountChoice {
	readonly count: number;
	/** Saved sessions on the busiest shard with that count. */
	readonly busiestShard: number;
	/** Why this count: Discord's recommendation sufficed, the saved sessions needed more, or the cap stopped the search. */
	readonly reason: 'recommended' | 'sessions' | 'max_shards';
}

/**
 * The fewest shards, at least Discord's recommendation, with which every shard can rejoin all of its saved sessions
 * within its first minute: each rejoin is one gateway command, and each shard has its own budget of them. Counted with
 * the real guild ids, since they do not split evenly.
 */
export function chooseShardCount({ recommended, sessionGuildIds, joinsPerShardMinute, maxShards }: ShardCountInput): ShardCountChoice {
	const start = Math.max(1, recommended);
	// `guild_id >> 22` is a millisecond count: a Number holds it exactly, so the modulo needs no BigInt per count tried.
	const ids = [...new Set(sessionGuildIds)].filter((id) => /^\d{1,20}$/.test(id)).map((id) => Number(BigInt(id) >> 22n));
	const cap = Math.max(start, maxShards);
	let busiest = busiestShard(ids, start);
	if (busiest <= joinsPerShardMinute) return { count: start, busiestShard: busiest, reason: 'recommended' };
	for (let count = start + 1; count <= cap; count++) {
		busiest = busiestShard(ids, count);
		if (busiest <= joinsPerShardMinute) return { count, busiestShard: busiest, reason: 'sessions' };
	}
	return { count: cap, busiestShard: busiest, reason: 'max_shards' };
}

function busiestShard(shiftedIds: readonly number[], shardCount: number): number {
	const perShard = new Array<number>(shardCount).fill(0);
	for (const shifted of shiftedIds) perShard[shifted % shardCount]!++;
	return Math.max(0, ...perShard);
}
