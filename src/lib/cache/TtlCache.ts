export interface TtlCacheOptions {
	/** How long an entry stays valid after it is set. */
	readonly ttlMs: number;
	/** Beyond this, the least recently used entry is evicted. */
	readonly maxEntries: number;
	/** Milliseconds clock; injectable for tests. Default Date.now. */
	readonly now?: () => number;
}

/** A small in-memory map whose entries expire after a TTL, bounded in size with least-recently-used eviction. */
export class TtlCache<K, V> {
	private readonly entries = new Map<K, { value: V; expiresAt: number }>();
	private readonly ttlMs: number;
	private readonly maxEntries: number;
	private readonly now: () => number;

	public constructor(options: TtlCacheOptions) {
		if (!(options.maxEntries >= 1)) throw new RangeError('TtlCache: maxEntries must be at least 1');
		this.ttlMs = options.ttlMs;
		this.maxEntries = options.maxEntries;
		this.now = options.now ?? Date.now;
	}

	/** Entries held, including expired ones not yet swept. */
	public get size(): number {
		return this.entries.size;
	}

	/** The live value, which becomes the most recently used; undefined when absent or expired (and then dropped). */
	public get(key: K): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= this.now()) return undefined;
		this.entries.set(key, entry);
		return entry.value;
	}

	public has(key: K): boolean {
		const entry = this.entries.get(key);
		return entry !== undefined && entry.expiresAt > this.now();
	}

	/** Stores a value for `ttlMs` (default: the cache's TTL), evicting the least recently used entry when full. */
	public set(key: K, value: V, ttlMs = this.ttlMs): this {
		this.entries.delete(key);
		this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
		while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
		return this;
	}

	public delete(key: K): boolean {
		return this.entries.delete(key);
	}

	public clear(): void {
		this.entries.clear();
	}

	/** Drops every expired entry; returns how many. Call it from a timer to free memory of entries nobody asks for again. */
	public sweep(): number {
		const now = this.now();
		let removed = 0;
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt <= now) {
				this.entries.delete(key);
				removed++;
			}
		}
		return removed;
	}
}
