import type { StreamResolveReason } from '#lib/stations/resolve/StreamResolveError';
import type { StreamContainer } from '#lib/stations/resolve/types';

export type ProbeFailureReason = StreamResolveReason | 'ffmpeg-missing' | 'ffmpeg-no-audio';

/** What `npm run probe` found out about a URL; printed as text or as this JSON object. */
export interface ProbeReport {
	/** The URL as given. */
	readonly input: string;
	readonly plays: boolean;
	/** Why it does not play, and in plain words; null when it plays. */
	readonly reason: ProbeFailureReason | null;
	readonly message: string | null;
	readonly resolvedUrl: string | null;
	readonly kind: 'direct' | 'hls' | null;
	readonly container: StreamContainer | null;
	readonly contentType: string | null;
	/** Redirects and playlists followed. */
	readonly chain: readonly string[];
	/** From ffmpeg: demuxer, codec (with profile), sample rate, channel layout, bitrate (else the ICY bitrate). */
	readonly format: string | null;
	readonly codec: string | null;
	readonly sampleRateHz: number | null;
	readonly channels: string | null;
	readonly bitrateKbps: number | null;
	readonly icyName: string | null;
	readonly icyGenre: string | null;
	/** ICY StreamTitle, else the title ffmpeg reports (Ogg comments, HLS ID3). */
	readonly title: string | null;
	/** Preflight: from the request to the first audio bytes. */
	readonly firstAudioMs: number | null;
	/** From starting ffmpeg to its first Opus frame. */
	readonly firstFrameMs: number | null;
	/** Opus frames (20 ms each) the pipeline's ffmpeg produced in `sampleSeconds` after its first one. */
	readonly opusFrames: number;
	readonly sampleSeconds: number;
	/** Which ffmpeg ran. */
	readonly ffmpeg: string | null;
}
