import type { Station } from '#lib/config/types';

/** "128 kbps AAC": what a listener checks before picking a stream. */
export function stationBadge(station: Pick<Station, 'bitrate' | 'format'>): string {
	return `${station.bitrate} kbps ${station.format}`;
}
