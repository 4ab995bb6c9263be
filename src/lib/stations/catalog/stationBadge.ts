import type { Station } from '#lib/config/types';

/** "128 kbps AAC": what a listener checks before picking a stream; just "AAC" when the bitrate is unknown (0, custom stations). */
export function stationBadge(station: Pick<Station, 'bitrate' | 'format'>): string {
	return station.bitrate > 0 ? `${station.bitrate} kbps ${station.format}` : station.format;
}
