import type { LookupFunction } from 'node:net';
import type { HttpResponse } from '#lib/net/httpGet';
import type { RequestBudget } from '#lib/net/RequestBudget';

export type StreamContainer = 'mp3' | 'aac' | 'ogg' | 'opus' | 'hls' | 'unknown';

export interface IcyInfo {
	readonly name?: string;
	readonly genre?: string;
	/** kbps, from `icy-br`. */
	readonly bitrate?: number;
	/** Audio bytes between metadata blocks, when the server offers ICY metadata. */
	readonly metaint?: number;
}

export interface ResolvedStream {
	/** The media URL to hand to ffmpeg: a direct stream, or an HLS media playlist. */
	readonly url: string;
	readonly kind: 'direct' | 'hls';
	/** Sniffed from the first bytes; 'hls' for HLS; 'unknown' for audio we could not identify (ffmpeg may still play it). */
	readonly container: StreamContainer;
	/** Media type of the final response, without parameters, lowercase. */
	readonly contentType: string | null;
	/** Every URL followed to get here, in order (redirects and playlists), without `url` itself. */
	readonly chain: readonly string[];
	/** From the final response's `icy-*` headers; null when there are none. */
	readonly icy: IcyInfo | null;
	/** HLS whose segments are encrypted (#EXT-X-KEY): only ffmpeg's own HLS demuxer can play it. */
	readonly encrypted?: true;
}

export interface ResolveOptions {
	/** Sent as User-Agent on every request. */
	readonly userAgent?: string;
	/** For each request: until the response headers arrive, and again for each read of its body. Default 10 s. */
	readonly timeoutMs?: number;
	/** How many playlists may be nested (a .pls inside an .m3u counts 2). Default 3. */
	readonly maxDepth?: number;
	/** Per request. Default 5. */
	readonly maxRedirects?: number;
	/** Default 64 KiB. */
	readonly maxPlaylistBytes?: number;
	/** Entries of one playlist tried at most, in order. Default 10. */
	readonly maxEntries?: number;
	/** Requests one resolution may make in all: playlists, nested playlists, redirect hops, HLS variants. Default 20. */
	readonly maxRequests?: number;
	/** The whole resolution must be done within this, however many requests it takes. Default 30 s. */
	readonly totalTimeoutMs?: number;
	/** Shares the request count with other work (a preflight's own checks); default a fresh budget of `maxRequests`. */
	readonly requestBudget?: RequestBudget;
	/** HLS variants below this bandwidth (bits/s) are chosen only when nothing else fits. Default 64 000. */
	readonly hlsBandwidthFloor?: number;
	readonly signal?: AbortSignal;
	/** Passed to every connection; see httpGet. */
	readonly lookup?: LookupFunction;
	/** Called with every URL before it is fetched; throw to refuse it. */
	readonly checkUrl?: (url: URL) => void | Promise<void>;
	/**
	 * Receives the final response of a direct stream, still open, with the bytes read from it pushed back (so a reader
	 * starts at its first byte), instead of it being closed: the receiver owns it and must close it. The station is then
	 * played from the connection that was resolved, without opening another one.
	 */
	readonly keepOpen?: (connection: HttpResponse) => void;
}
