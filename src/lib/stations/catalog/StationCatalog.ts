import Fuse from 'fuse.js';
import { TtlCache } from '#lib/cache/TtlCache';
import type { Station } from '#lib/config/types';
import { searchResultBytes } from '#lib/stations/catalog/estimateBytes';
import { resolveIn, type StationDirectory, type StationMatch } from '#lib/stations/catalog/StationDirectory';

export type { StationDirectory, StationMatch } from '#lib/stations/catalog/StationDirectory';

/** Search results kept for the shared catalog: a /radio list of a 10,000-station catalog alone is about 650 KB. */
export const DefaultSearchCacheBytes = 4 * 1024 * 1024;

export interface StationCatalogOptions {
	/** Estimated bytes of cached search results (keys and matches) the catalog keeps. Default 4 MiB. */
	readonly searchCacheBytes?: number;
}

/** Finds stations by id, name or alias exactly, and fuzzily over names, aliases and descriptions. */
export class StationCatalog implements StationDirectory {
	private readonly byExactKey = new Map<string, Station>();
	private readonly fuse: Fuse<Station>;
	/** Lowercased "name alias alias…" per station, for the substring fast path. */
	private readonly haystacks: string[];
	// Autocomplete asks once per keystroke and many people type the same prefixes. Bounded in bytes: a query is up to
	// 100 characters and a result up to the whole catalog (/radio list), so 1,000 entries alone could be hundreds of MB.
	private readonly recent: TtlCache<string, StationMatch[]>;

	public constructor(
		public readonly stations: readonly Station[],
		options: StationCatalogOptions = {}
	) {
		this.recent = new TtlCache<string, StationMatch[]>({
			ttlMs: 60_000,
			maxEntries: 1_000,
			maxWeight: options.searchCacheBytes ?? DefaultSearchCacheBytes,
			weigh: searchResultBytes
		});
		for (const station of stations) {
			for (const key of [station.id, station.name, ...station.aliases]) this.byExactKey.set(normalize(key), station);
		}
		this.haystacks = stations.map((station) => normalize([station.name, ...station.aliases].join(' ')));
		this.fuse = new Fuse([...stations], {
			includeScore: true,
			ignoreLocation: true,
			threshold: 0.4,
			keys: [
				{ name: 'name', weight: 3 },
				{ name: 'aliases', weight: 3 },
				{ name: 'id', weight: 2 },
				{ name: 'description', weight: 1 }
			]
		});
	}

	public get size(): number {
		return this.stations.length;
	}

	/** Estimated bytes of the search results held now. */
	public get cachedSearchBytes(): number {
		return this.recent.weight;
	}

	/** The station whose id, name or alias is exactly `query` (ignoring case and surrounding spaces), or null. */
	public exact(query: string): Station | null {
		return this.byExactKey.get(normalize(query)) ?? null;
	}

	/** The station the user meant, or null: an exact id, name or alias wins, else a confident fuzzy match. */
	public resolve(query: string): Station | null {
		return resolveIn(this, query);
	}

	/**
	 * Ranked matches; an exact id, name or alias always ranks first, then names and aliases containing the query
	 * (starting with it first), then fuzzy matches over names, aliases and descriptions. An empty query lists
	 * stations in catalog order.
	 */
	public search(query: string, limit: number): StationMatch[] {
		const normalized = normalize(query);
		if (!normalized) return this.stations.slice(0, limit).map((station) => ({ station, score: 0 }));
		const cacheKey = `${limit}\u0000${normalized}`;
		const cached = this.recent.get(cacheKey);
		if (cached) return cached;

		const exact = this.byExactKey.get(normalized);
		const ranked: StationMatch[] = exact ? [{ station: exact, score: 0 }] : [];
		const seen = new Set<Station>(ranked.map((match) => match.station));
		const add = (station: Station, score: number) => {
			if (seen.has(station) || ranked.length >= limit) return;
			seen.add(station);
			ranked.push({ station, score });
		};
		const containing = this.containing(normalized);
		for (const station of containing.starting) add(station, 0.05);
		for (const station of containing.inside) add(station, 0.1);
		// Fuzzy search scans everything: only when plain matching left room.
		if (ranked.length < limit) {
			for (const result of this.fuse.search(normalized, { limit: limit + seen.size })) add(result.item, result.score ?? 1);
		}
		this.recent.set(cacheKey, ranked);
		return ranked;
	}

	private containing(normalized: string): { starting: Station[]; inside: Station[] } {
		const starting: Station[] = [];
		const inside: Station[] = [];
		this.haystacks.forEach((haystack, index) => {
			const at = haystack.indexOf(normalized);
			if (at === -1) return;
			(at === 0 || haystack[at - 1] === ' ' ? starting : inside).push(this.stations[index]!);
		});
		return { starting, inside };
	}
}

function normalize(key: string): string {
	return key.trim().toLowerCase();
}
