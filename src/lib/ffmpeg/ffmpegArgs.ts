import type { StreamContainer } from '#lib/stations/resolve/types';
import { inputFormatArgs } from '#lib/ffmpeg/inputFormat';
import { UnchangedVolume, volumeFilter } from '#lib/playback/volume';

export interface FfmpegArgsOptions {
	/** A URL ffmpeg fetches itself (config stations' HLS), or 'pipe:0' when we feed it the stream bytes (direct streams, custom stations' HLS). */
	inputUrl: string;
	userAgent: string;
	bitrateKbps: number;
	/** Put into the process's command line so operators and tests can tell which station a process serves. */
	marker: string;
	/** Percent of the station's level, applied before Opus encoding (100 or absent: unchanged, no filter). */
	volumePercent?: number;
	/** What the resolver sniffed: ffmpeg reads the input as exactly that (see inputFormatArgs). */
	container?: StreamContainer;
}

/**
 * Any input ffmpeg can read → stereo 48 kHz Opus in Ogg on stdout, which @discordjs/voice passes through
 * without transcoding. Options are limited to those ffmpeg 4.1 (the oldest fallback binary) knows.
 * `-loglevel info` without stats: ffmpeg then prints stream metadata (titles of Ogg and HLS streams) and nothing per second.
 */
export function buildFfmpegArgs({
	inputUrl,
	userAgent,
	bitrateKbps,
	marker,
	volumePercent = UnchangedVolume,
	container
}: FfmpegArgsOptions): string[] {
	const network = /^https?:/i.test(inputUrl)
		? ['-reconnect', '1', '-reconnect_streamed', '1', '-reconnect_delay_max', '4', '-rw_timeout', '15000000', '-user_agent', userAgent]
		: [];
	// Bytes we feed from a checked connection must not make ffmpeg open URLs of its own (a playlist smuggled into the stream).
	const piped = inputUrl.startsWith('pipe:');
	const pipeOnly = piped ? ['-protocol_whitelist', 'pipe'] : [];
	const filter = volumeFilter(volumePercent);
	const format = inputFormatArgs(container, piped);
	// A container the sniffer named needs little probing: ffmpeg starts after 2 KB (enough to find the first frame of a
	// stream joined mid-frame) instead of collecting up to 5 MB or 5 s of a live stream first (seconds on a station without
	// a burst). HLS segments we pipe are analysed for half a second of media (their streams are announced up front), not
	// five, which a live playlist only reaches seconds later; unknown bytes are probed in full.
	const probe = format.includes('-f')
		? ['-probesize', '2048', '-analyzeduration', '0']
		: piped && container === 'hls'
			? ['-analyzeduration', '500000']
			: [];
	return [
		'-hide_banner',
		'-nostats',
		'-loglevel',
		'info',
		'-nostdin',
		...network,
		...probe,
		...format,
		...pipeOnly,
		'-i',
		inputUrl,
		'-vn',
		'-map',
		'0:a:0',
		// Volume is applied here, once per station and volume step, so guilds never need their own PCM transcoding.
		...(filter ? ['-af', filter] : []),
		'-ac',
		'2',
		'-ar',
		'48000',
		'-c:a',
		'libopus',
		'-b:a',
		`${bitrateKbps}k`,
		'-frame_duration',
		'20',
		'-application',
		'audio',
		// Small Ogg pages so audio leaves ffmpeg frame by frame instead of once a second.
		'-page_duration',
		'20000',
		'-flush_packets',
		'1',
		'-metadata',
		`comment=${marker}`,
		'-f',
		'ogg',
		'pipe:1'
	];
}
