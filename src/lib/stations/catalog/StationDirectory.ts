import type { Station } from '#lib/config/types';

export interface StationMatch {
	station: Station;
	/** 0 is a perfect match, 1 no match at all (fuse.js score). */
	score: number;
}

/** What commands need from a set of stations: the global catalog, or one server's view of it (custom stations merged in). */
export interface StationDirectory {
	readonly stations: readonly Station[];
	readonly size: number;
	/** The station whose id, name or alias is exactly `query` (ignoring case and surrounding spaces), or null. */
	exact(query: string): Station | null;
	/** The station the user meant, or null: an exact id, name or alias, else a confident fuzzy match. */
	resolve(query: string): Station | null;
	/** Ranked matches, best first; an empty query lists stations in order. */
	search(query: string, limit: number): StationMatch[];
}
