import type { Json } from '../model/types.js';

/** Discord's guild routing: a guild belongs to shard `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** `[shard_id, num_shards]` as IDENTIFY carries it; Discord closes with 4010 for anything else, or an id not below the count. */
export function isValidShard(shard: unknown): shard is [number, number] {
	if (!Array.isArray(shard) || shard.length !== 2) return false;
	const [id, count] = shard as unknown[];
	return Number.isInteger(id) && Number.isInteger(count) && (id as number) >= 0 && (count as number) >= 1 && (id as number) < (count as number);
}

const guildObjectEvents = new Set(['GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE']);

/** The guild a dispatch is about (routes it to that guild's shard), or undefined for events of the bot user itself. */
export function guildIdOf(event: string, data: unknown): string | undefined {
	const payload = data as Json | null | undefined;
	const id = guildObjectEvents.has(event) ? payload?.id : payload?.guild_id;
	return typeof id === 'string' ? id : undefined;
}

export interface IdentifyRecord {
	at: number;
	shard: [number, number];
	/** `shard_id % max_concurrency`: identifies of one bucket must be 5 s apart. */
	bucket: number;
	/** Why Discord would not have accepted it, if it would not. */
	violation?: string;
	/** Whether the session started (a violation is only recorded unless the emulator enforces the limits). */
	served: boolean;
}

/** Discord's identify window: one IDENTIFY per bucket per 5 s. */
export const identifyIntervalMs = 5000;
const dayMs = 86_400_000;

/** The session start limit (`remaining` of `total` per day) and the per-bucket identify rate, as GET /gateway/bot announces them. */
export class IdentifyLimiter {
	public readonly identifies: IdentifyRecord[] = [];
	private readonly startedAt = Date.now();

	public constructor(private readonly limits: () => { total: number; maxConcurrency: number }) {}

	public get remaining(): number {
		return Math.max(0, this.limits().total - this.identifies.filter((record) => record.served).length);
	}

	public get violations(): IdentifyRecord[] {
		return this.identifies.filter((record) => record.violation !== undefined);
	}

	public sessionStartLimit(): Json {
		const { total, maxConcurrency } = this.limits();
		return { total, remaining: this.remaining, reset_after: dayMs - ((Date.now() - this.startedAt) % dayMs), max_concurrency: maxConcurrency };
	}

	/** Records an IDENTIFY and says why Discord would refuse it (too soon in its bucket, or no session starts left); `enforce` refuses it then. */
	public record(shard: [number, number], enforce: boolean, at = Date.now()): IdentifyRecord {
		const bucket = shard[0] % this.limits().maxConcurrency;
		const previous = this.identifies.findLast((record) => record.bucket === bucket && record.served);
		const record: IdentifyRecord = { at, shard, bucket, served: true };
		if (previous && at - previous.at < identifyIntervalMs)
			record.violation = `identify in bucket ${bucket} ${at - previous.at} ms after the previous one (Discord allows one per ${identifyIntervalMs} ms)`;
		else if (this.remaining === 0) record.violation = 'no session starts remaining';
		record.served = !record.violation || !enforce;
		this.identifies.push(record);
		return record;
	}
}
