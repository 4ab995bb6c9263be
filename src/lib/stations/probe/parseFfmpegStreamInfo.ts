export interface FfmpegStreamInfo {
	/** ffmpeg's demuxer name, e.g. 'mp3', 'aac', 'ogg', 'hls'. */
	readonly format: string | null;
	/** e.g. 'mp3', 'aac', 'opus', 'vorbis'. */
	readonly codec: string | null;
	/** e.g. 'LC' for AAC; null when ffmpeg names none. */
	readonly profile: string | null;
	readonly sampleRateHz: number | null;
	/** ffmpeg's channel layout: 'mono', 'stereo', '5.1'… */
	readonly channels: string | null;
	/** The stream's bitrate, else the input's overall bitrate; null when ffmpeg reports neither (common for live streams). */
	readonly bitrateKbps: number | null;
}

/**
 * Reads the first input's format and first audio stream from ffmpeg's stderr at `-loglevel info`:
 * `Input #0, mp3, from '…':`, `Duration: …, bitrate: 131 kb/s` and `Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s`.
 * The `Output #0` section, which describes our own Opus encoding, is ignored.
 */
export function parseFfmpegStreamInfo(stderr: string): FfmpegStreamInfo | null {
	const lines = stderr.split(/\r?\n|\r/);
	const start = lines.findIndex((line) => line.startsWith('Input #0, '));
	if (start === -1) return null;
	const format = /^Input #0, (.+?), from /.exec(lines[start])?.[1]?.split(',')[0] ?? null;
	let overallKbps: number | null = null;
	for (const line of lines.slice(start + 1)) {
		if (!line.startsWith(' ')) break;
		const duration = /^\s+Duration: .*bitrate: (\d+) kb\/s/.exec(line);
		// Live inputs often report 0 here, which means "unknown".
		if (duration && Number(duration[1]) > 0) overallKbps = Number(duration[1]);
		const audio = /^\s+Stream #0:\d+(?:\[[^\]]*\])?(?:\([^)]*\))?: Audio: (.+)$/.exec(line);
		if (!audio) continue;
		const [codecPart, ...rest] = audio[1].split(', ');
		const details = rest.join(', ');
		const codec = /^(\S+)/.exec(codecPart)?.[1] ?? null;
		const profile = /^\S+ \(([^)]+)\)/.exec(codecPart)?.[1] ?? null;
		const rate = /(\d+) Hz/.exec(details);
		const channels = /\d+ Hz, ([^,]+)/.exec(details);
		const bitrate = /(\d+) kb\/s/.exec(details);
		return {
			format,
			codec,
			profile: profile && !profile.startsWith('[') ? profile : null,
			sampleRateHz: rate ? Number(rate[1]) : null,
			channels: channels ? channels[1].trim() : null,
			bitrateKbps: bitrate ? Number(bitrate[1]) : overallKbps
		};
	}
	return { format, codec: null, profile: null, sampleRateHz: null, channels: null, bitrateKbps: overallKbps };
}
