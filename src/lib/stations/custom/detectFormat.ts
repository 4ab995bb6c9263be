import type { StationFormat } from '#lib/config/types';
import type { ResolvedStream } from '#lib/stations/resolve/types';

const byContainer: Partial<Record<ResolvedStream['container'], StationFormat>> = { mp3: 'MP3', aac: 'AAC', ogg: 'OGG', opus: 'OPUS', hls: 'HLS' };

const byContentType: Readonly<Record<string, StationFormat>> = {
	'audio/mpeg': 'MP3',
	'audio/mp3': 'MP3',
	'audio/aac': 'AAC',
	'audio/aacp': 'AAC',
	'audio/x-aac': 'AAC',
	'audio/ogg': 'OGG',
	'application/ogg': 'OGG',
	'audio/opus': 'OPUS'
};

/** Format and bitrate (kbps, 0 when the server does not say) of a stream the preflight found playing. */
export function detectFormat(stream: ResolvedStream): { format: StationFormat; bitrate: number } {
	const format = byContainer[stream.container] ?? (stream.contentType ? byContentType[stream.contentType] : undefined) ?? 'MP3';
	const bitrate = stream.icy?.bitrate;
	return { format, bitrate: bitrate !== undefined && Number.isFinite(bitrate) && bitrate > 0 ? Math.round(bitrate) : 0 };
}
