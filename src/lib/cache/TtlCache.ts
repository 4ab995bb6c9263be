export interface TtlCacheOptions<K = unknown, V = unknown> {
	/** How long an entry stays valid after it is set. */
	readonly ttlMs: number;
	/** Beyond this, the least recently used entry is evicted. */
	readonly maxEntries: number;
	/**
	 * Beyond this total weight (e.g. estimated bytes, see `weigh`), least recently used entries are evicted; an entry
	 * heavier than this on its own is not kept at all. Needs `weigh`.
	 */
	readonly maxWeight?: number;
	/** An entry's weight, computed once when it is set. */
	readonly weigh?: (key: K, value: V) => number;
	/** Milliseconds clock; injectable for tests. Default Date.now. */
	readonly now?: () => number;
}

interface Entry<V> {
	readonly value: V;
	readonly expiresAt: number;
	readonly weight: number;
}

/**
 * A small in-memory map whose entries expire after a TTL, bounded in entries and optionally in total weight, with
 * least-recently-used eviction.
 */
export class TtlCache<K, V> {
	private readonly entries = new Map<K, Entry<V>>();
	private readonly ttlMs: number;
	private readonly maxEntries: number;
	private readonly maxWeight: number;
	private readonly weigh: (key: K, value: V) => number;
	private readonly now: () => number;
	private totalWeight = 0;

	public constructor(options: TtlCacheOptions<K, V>) {
		if (!(options.maxEntries >= 1)) throw new RangeError('TtlCache: maxEntries must be at least 1');
		if ((options.maxWeight === undefined) !== (options.weigh === undefined)) throw new RangeError('TtlCache: maxWeight and weigh go together');
		if (options.maxWeight !== undefined && !(options.maxWeight > 0)) throw new RangeError('TtlCache: maxWeight must be positive');
		this.ttlMs = options.ttlMs;
		this.maxEntries = options.maxEntries;
		this.maxWeight = options.maxWeight ?? Infinity;
		this.weigh = options.weigh ?? (() => 0);
		this.now = options.now ?? Date.now;
	}

	/** Entries held, including expired ones not yet swept. */
	public get size(): number {
		return this.entries.size;
	}

	/** Total weight of the entries held (0 without `weigh`). */
	public get weight(): number {
		return this.totalWeight;
	}

	/** The live value, which becomes the most recently used; undefined when absent or expired (and then dropped). */
	public get(key: K): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= this.now()) {
			this.totalWeight -= entry.weight;
			return undefined;
		}
		this.entries.set(key, entry);
		return entry.value;
	}

	public has(key: K): boolean {
		const entry = this.entries.get(key);
		return entry !== undefined && entry.expiresAt > this.now();
	}

	/**
	 * Stores a value for `ttlMs` (default: the cache's TTL), evicting least recently used entries while over a bound.
	 * A value heavier than `maxWeight` on its own is not stored (and an older value under the same key is dropped).
	 */
	public set(key: K, value: V, ttlMs = this.ttlMs): this {
		this.delete(key);
		const weight = this.weigh(key, value);
		if (weight > this.maxWeight) return this;
		this.entries.set(key, { value, expiresAt: this.now() + ttlMs, weight });
		this.totalWeight += weight;
		while (this.entries.size > this.maxEntries || this.totalWeight > this.maxWeight) this.delete(this.entries.keys().next().value as K);
		return this;
	}

	public delete(key: K): boolean {
		const entry = this.entries.get(key);
		if (!entry) return false;
		this.entries.delete(key);
		this.totalWeight -= entry.weight;
		return true;
	}

	public clear(): void {
		this.entries.clear();
		this.totalWeight = 0;
	}

	/** Drops every expired entry; returns how many. Call it from a timer to free memory of entries nobody asks for again. */
	public sweep(): number {
		const now = this.now();
		let removed = 0;
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt <= now) {
				this.delete(key);
				removed++;
			}
		}
		return removed;
	}
}
