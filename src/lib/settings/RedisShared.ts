import type { RedisClientType } from '@keyv/redis';
import { z } from 'zod';
import type { AnnouncedChange, StoreChange } from '#lib/settings/types';

/** The plain client openSettingsStore creates: no modules, functions or scripts; RESP2. */
// eslint-disable-next-line @typescript-eslint/ban-types -- node-redis spells "none" as {}
type RedisClient = RedisClientType<{}, {}, {}, 2, {}>;

/** What one process (an instance, or one process of a ShardingManager) serves, as /info adds it up. */
export interface InstanceStats {
	readonly instanceId: string;
	readonly shardIds: readonly number[];
	readonly shardCount: number;
	readonly guilds: number;
	readonly sessions: number;
	readonly pipelines: number;
	/** Epoch ms of this report. */
	readonly at: number;
}

/** A change message is a few dozen bytes; anything longer is not ours. */
const MaxMessageBytes = 512;
/** /info reads at most this many instances' reports. */
const MaxInstances = 1_000;
const Snowflake = z.string().regex(/^\d{1,20}$/);
const ChangeMessage = z.union([
	z.object({ from: z.string().max(64), kind: z.enum(['guild', 'stations']), guildId: Snowflake }),
	z.object({ from: z.string().max(64), kind: z.literal('member'), userId: Snowflake })
]);
const Count = z.number().int().nonnegative().max(1e9);
const StatsRecord = z.object({
	instanceId: z.string().max(64),
	shardIds: z.array(z.number().int().nonnegative().max(1e5)).max(10_000),
	shardCount: Count,
	guilds: Count,
	sessions: Count,
	pipelines: Count,
	at: z.number().int().nonnegative()
});

/**
 * What instances sharing one Redis tell each other: a change message on `<namespace>:changes` for every settings or
 * custom-station write (others drop their cached copy at once instead of after its TTL), and each instance's counts
 * under `<namespace>:instance:<id>`, kept for a few report intervals so a stopped instance drops out by itself.
 */
export class RedisShared {
	private readonly listeners = new Set<(change: StoreChange) => void>();
	private closed = false;

	private constructor(
		private readonly client: RedisClient,
		private readonly subscriber: RedisClient,
		private readonly namespace: string,
		/** This process; its own change messages are not delivered back to it. */
		public readonly instanceId: string
	) {}

	private get channel(): string {
		return `${this.namespace}:changes`;
	}

	/** Calls `listener` for every change another instance makes; returns the function that stops it. */
	public onChange(listener: (change: StoreChange) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Tells the other instances; a failure is the caller's to log (their caches then expire on their own). */
	public async publish(change: AnnouncedChange): Promise<void> {
		await this.client.publish(this.channel, JSON.stringify({ from: this.instanceId, ...change }));
	}

	/** Stores this process's counts, kept for `ttlMs`. */
	public async putInstance(stats: InstanceStats, ttlMs: number): Promise<void> {
		await this.client.set(this.instanceKey(stats.instanceId), JSON.stringify(stats), { expiration: { type: 'PX', value: Math.max(1, ttlMs) } });
	}

	public async removeInstance(instanceId: string): Promise<void> {
		await this.client.del(this.instanceKey(instanceId));
	}

	/** Every live instance's last report (unreadable ones skipped). */
	public async instances(): Promise<InstanceStats[]> {
		const found: InstanceStats[] = [];
		for await (const keys of this.client.scanIterator({ MATCH: this.instanceKey('*'), COUNT: 500 })) {
			if (keys.length === 0) continue;
			for (const raw of await this.client.mGet(keys)) {
				const parsed = raw === null || raw.length > 4_096 ? null : StatsRecord.safeParse(parseJson(String(raw)));
				if (parsed?.success) found.push(parsed.data);
				if (found.length >= MaxInstances) return found;
			}
		}
		return found;
	}

	public close(): void {
		if (this.closed) return;
		this.closed = true;
		this.listeners.clear();
		if (this.subscriber.isOpen) this.subscriber.destroy();
	}

	private instanceKey(instanceId: string): string {
		return `${this.namespace}:instance:${instanceId}`;
	}

	private receive(message: string): void {
		if (message.length > MaxMessageBytes) return;
		const parsed = ChangeMessage.safeParse(parseJson(message));
		if (!parsed.success || parsed.data.from === this.instanceId) return;
		const { from: _from, ...change } = parsed.data;
		this.deliver(change);
	}

	private deliver(change: StoreChange): void {
		for (const listener of this.listeners) listener(change);
	}

	/**
	 * Subscribes on a second connection (a subscribed Redis connection can do nothing else). node-redis subscribes again
	 * after a reconnect, but what was published meanwhile is lost: listeners then hear 'everything'.
	 */
	public static async open(client: RedisClient, namespace: string, instanceId: string): Promise<RedisShared> {
		const subscriber = client.duplicate();
		subscriber.on('error', () => undefined);
		await subscriber.connect();
		const shared = new RedisShared(client, subscriber, namespace, instanceId);
		// Registered after connect(): only the 'ready' of a reconnect reaches it.
		subscriber.on('ready', () => {
			if (!shared.closed) shared.deliver({ kind: 'everything' });
		});
		await subscriber.subscribe(shared.channel, (message) => shared.receive(message));
		return shared;
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
