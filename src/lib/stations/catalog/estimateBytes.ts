import type { Station } from '#lib/config/types';
import type { StationMatch } from '#lib/stations/catalog/StationDirectory';

/**
 * Rough heap sizes, for caches bounded in memory rather than in entries. Measured as heap deltas on Node 24 x64 (see
 * docs/security.md): a search match costs about 65 bytes with its array slot; a catalog of 50 custom stations about
 * 59 KiB when typical, 161 KiB at the maximum sizes, 253 KiB at the maximum sizes with Cyrillic names. The estimates
 * count 2 bytes per character, as for text outside Latin-1, so they err on the high side.
 */
const BytesPerChar = 2;
const BytesPerMatch = 72;
const BytesPerEntry = 128;
/** The catalog's index structures per station: exact-key map entries, haystack, Fuse.js record. */
const BytesPerIndexedStation = 1_280;

/** A cached search result: its key, the result array and its matches (the stations themselves are shared). */
export function searchResultBytes(key: string, matches: readonly StationMatch[]): number {
	return BytesPerEntry + key.length * BytesPerChar + matches.length * BytesPerMatch;
}

/** A catalog of `stations` that exist only for it (a server's own stations): their text and the catalog's indexes. */
export function catalogBytes(stations: readonly Station[]): number {
	let total = 0;
	for (const station of stations) {
		const text = station.id.length + station.name.length + station.url.length + station.description.length + station.aliases.join('').length;
		total += text * BytesPerChar + BytesPerIndexedStation;
	}
	return total;
}

/** A cache key of `key.length` characters with its map entry. */
export function keyBytes(key: string): number {
	return BytesPerEntry + key.length * BytesPerChar;
}
