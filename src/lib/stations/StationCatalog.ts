import Fuse from 'fuse.js';
import type { Station } from '#lib/config/types';

/** A fuzzy match this good plays without asking ("Absolut Relx" → Absolut Relax); worse ones only show as suggestions. */
const ConfidentScore = 0.4;

export interface StationMatch {
	station: Station;
	/** 0 is a perfect match, 1 no match at all (fuse.js score). */
	score: number;
}

/** Finds stations by id, name or alias exactly, and fuzzily over names, aliases and descriptions. */
export class StationCatalog {
	private readonly byExactKey = new Map<string, Station>();
	private readonly fuse: Fuse<Station>;

	public constructor(public readonly stations: readonly Station[]) {
		for (const station of stations) {
			for (const key of [station.id, station.name, ...station.aliases]) this.byExactKey.set(normalize(key), station);
		}
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

	/** The station the user meant, or null: an exact id, name or alias wins, else a confident fuzzy match. */
	public resolve(query: string): Station | null {
		const exact = this.byExactKey.get(normalize(query));
		if (exact) return exact;
		const [best] = this.search(query, 1);
		return best && best.score <= ConfidentScore ? best.station : null;
	}

	/** Ranked matches; an exact id, name or alias always ranks first. An empty query lists stations in catalog order. */
	public search(query: string, limit: number): StationMatch[] {
		const trimmed = query.trim();
		if (!trimmed) return this.stations.slice(0, limit).map((station) => ({ station, score: 0 }));
		const exact = this.byExactKey.get(normalize(trimmed));
		const fuzzy = this.fuse
			.search(trimmed, { limit: limit + 1 })
			.filter((result) => result.item !== exact)
			.map((result) => ({ station: result.item, score: result.score ?? 1 }));
		const ranked = exact ? [{ station: exact, score: 0 }, ...fuzzy] : fuzzy;
		return ranked.slice(0, limit);
	}
}

function normalize(key: string): string {
	return key.trim().toLowerCase();
}
