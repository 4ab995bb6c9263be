import type { Station } from '#lib/config/types';
import { resolveIn, type StationDirectory, type StationMatch } from '#lib/stations/catalog/StationDirectory';

/**
 * A server's view: its own (custom) stations first, then the shared catalog. Both keep their own indexes, so a server's
 * handful of stations costs nothing like a copy of a 10,000-station catalog.
 */
export class MergedCatalog implements StationDirectory {
	public constructor(
		private readonly own: StationDirectory,
		private readonly shared: StationDirectory
	) {}

	/** Built on each call, not kept: a copy per cached server would cost 8 bytes per shared station for each server. */
	public get stations(): readonly Station[] {
		return [...this.own.stations, ...this.shared.stations];
	}

	public get size(): number {
		return this.own.size + this.shared.size;
	}

	public exact(query: string): Station | null {
		return this.own.exact(query) ?? this.shared.exact(query);
	}

	public resolve(query: string): Station | null {
		return resolveIn(this, query);
	}

	public search(query: string, limit: number): StationMatch[] {
		if (!query.trim()) {
			const first = [...this.own.stations.slice(0, limit), ...this.shared.stations.slice(0, limit)].slice(0, limit);
			return first.map((station) => ({ station, score: 0 }));
		}
		// Stable sort: on equal scores the server's own stations come first.
		const matches = [...this.own.search(query, limit), ...this.shared.search(query, limit)].sort((a, b) => a.score - b.score);
		const seen = new Set<Station>();
		return matches.filter(({ station }) => !seen.has(station) && seen.add(station)).slice(0, limit);
	}
}
