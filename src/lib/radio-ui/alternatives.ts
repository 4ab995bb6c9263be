import type { Station } from '#lib/config/types';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';

/** Up to `count` other stations to offer when one is down: similar names first, then same format, then any. */
export function alternativeStations(catalog: StationDirectory, failing: Station, count = 3): Station[] {
	const candidates = [
		...catalog.search(failing.name, count + 1).map((match) => match.station),
		...catalog.stations.filter((station) => station.format === failing.format),
		...catalog.stations
	];
	const unique = new Set(candidates.filter((station) => station.id !== failing.id));
	return [...unique].slice(0, count);
}
