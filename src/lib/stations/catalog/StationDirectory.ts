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

/** A fuzzy match this good plays without asking ("Absolut Relx" → Absolut Relax); worse ones only show as suggestions. */
export const ConfidentScore = 0.4;

/** The station the user meant, or null: an exact id, name or alias wins, else a confident fuzzy match. */
export function resolveIn(directory: Pick<StationDirectory, 'exact' | 'search'>, query: string): Station | null {
	const exact = directory.exact(query);
	if (exact) return exact;
	const [best] = directory.search(query, 1);
	return best && best.score <= ConfidentScore ? best.station : null;
}
