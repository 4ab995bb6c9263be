import type { StreamContainer } from '#lib/stations/resolve/types';

// Demuxer and decoder names as ffmpeg 4.1 to 5.1 spell them (a whitelist entry matches any of a demuxer's aliases).

const mpegAudioDecoders = ['mp3float', 'mp3', 'mp2float', 'mp2', 'mp1float', 'mp1'];
const aacDecoders = ['aac', 'aac_fixed', 'aac_latm'];
const oggDecoders = ['opus', 'libopus', 'vorbis', 'libvorbis', 'flac', 'libspeex'];

/** Sniffed containers ffmpeg is told to read as exactly that, with the audio decoders they can hold. */
const forced: Partial<Record<StreamContainer, { readonly format: string; readonly decoders: readonly string[] }>> = {
	mp3: { format: 'mp3', decoders: mpegAudioDecoders },
	aac: { format: 'aac', decoders: aacDecoders },
	// 'ogg' is also what the sniffer says for a stream joined mid-page, which may be Opus.
	ogg: { format: 'ogg', decoders: oggDecoders },
	opus: { format: 'ogg', decoders: oggDecoders }
};

/** What HLS segments may hold once the bot has strung them together on the pipe: MPEG-TS, packed audio, fragmented MP4. */
const hlsSegmentFormats = ['mpegts', 'aac', 'mp3', 'ac3', 'eac3', 'mov'];
const hlsDecoders = [...aacDecoders, ...mpegAudioDecoders, 'ac3', 'ac3_fixed', 'eac3', 'opus', 'libopus', 'flac', 'alac'];

/** Audio the resolver could not identify (it passed for audio by its content type): audio containers only. */
const audioFormats = ['mp3', 'aac', 'ac3', 'eac3', 'ogg', 'flac', 'wav', 'aiff', 'matroska', 'mov', 'mpegts', 'asf'];

/**
 * Input options that make ffmpeg read a stream as what the resolver sniffed, not as whatever its bytes look like later:
 * a known container is forced (`-f`) with only its audio decoders allowed, so bytes that turn out to be something else
 * (an HLS playlist, another container) fail instead of being interpreted. Bytes we pipe without a known container may
 * only be audio containers (HLS segments for piped HLS); ffmpeg's own HLS fetching (trusted stations) is left alone.
 */
export function inputFormatArgs(container: StreamContainer | undefined, piped: boolean): string[] {
	const known = container === undefined ? undefined : forced[container];
	if (known) return ['-f', known.format, '-format_whitelist', known.format, '-codec_whitelist', known.decoders.join(',')];
	if (!piped) return [];
	if (container === 'hls') return ['-format_whitelist', hlsSegmentFormats.join(','), '-codec_whitelist', hlsDecoders.join(',')];
	return ['-format_whitelist', audioFormats.join(',')];
}
