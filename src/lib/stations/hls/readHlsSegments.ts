import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { chooseHlsVariants } from '#lib/stations/resolve/chooseHlsVariants';
import { resolveDefaults } from '#lib/stations/resolve/resolveStream';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { toStreamResolveError } from '#lib/stations/resolve/toStreamResolveError';
import type { StreamRequestSettings } from '#lib/stations/resolve/withStream';
import { fetchBytes, streamBytes } from '#lib/stations/hls/fetchBytes';
import { parseHlsPlaylist, type LiveSegment, type MediaPlaylist } from '#lib/stations/hls/parseHlsPlaylist';

export interface HlsReaderOptions {
	readonly userAgent?: string;
	/** Per request: until the headers arrive, and again for reading the body. Default 10 s. */
	readonly timeoutMs?: number;
	/** A larger segment fails the stream. Segments are passed on as they arrive, never held whole. Default 4 MiB. */
	readonly maxSegmentBytes?: number;
	/** The same for fMP4 initialization sections (#EXT-X-MAP), which hold no audio. Default 256 KiB. */
	readonly maxInitBytes?: number;
	/** Default 64 KiB, as for resolving. */
	readonly maxPlaylistBytes?: number;
	/** A live playlist is joined this many segments before its end, as ffmpeg does. Default 3. */
	readonly liveEdgeSegments?: number;
	/** Reloads in a row that bring no new segment (or fail) before the stream counts as stalled. Default 6 (3 target durations). */
	readonly maxStaleReloads?: number;
	/** Segments in a row that may fail (and be skipped) before the stream fails. Default 3. */
	readonly maxSegmentFailures?: number;
	/** URL safety hooks (see #lib/net/safety), applied to every playlist, initialization section and segment request. */
	readonly lookup?: LookupFunction;
	readonly checkUrl?: (url: URL) => void | Promise<void>;
	readonly signal?: AbortSignal;
	/** Called before the bytes of each segment (its initialization section included) are yielded. */
	readonly onSegment?: (segment: LiveSegment) => void;
}

export const hlsReaderDefaults = {
	timeoutMs: 10_000,
	// Ten seconds of audio at 320 kbps is 400 KB; even a low-bitrate video variant fits. (Memory does not grow with it.)
	maxSegmentBytes: 4 * 1024 * 1024,
	maxInitBytes: 256 * 1024,
	maxPlaylistBytes: resolveDefaults.maxPlaylistBytes,
	liveEdgeSegments: 3,
	maxStaleReloads: 6,
	maxSegmentFailures: 3
} as const;

/** Reload intervals stay within this, whatever the playlist claims. */
const minReloadMs = 500;
const maxReloadMs = 30_000;

/**
 * The bytes of an HLS media playlist, in order, as they arrive (a segment in many chunks, fetched only as fast as they
 * are consumed, so memory holds a chunk, not a segment): a live playlist is
 * reloaded every target duration (half of it when nothing changed, RFC 8216 §6.3.4) and each media sequence number is
 * delivered once; a playlist with #EXT-X-ENDLIST ends the iteration after its last segment. An fMP4 initialization
 * section (#EXT-X-MAP) comes before the first segment that needs it, and again whenever it changes.
 *
 * Fails with a StreamResolveError: 'hls-encrypted' for #EXT-X-KEY other than NONE, 'unsafe-url' when the URL safety
 * hooks refuse any request, 'timeout' when a live playlist stops growing, and the request's reason when the playlist
 * cannot be loaded at first (later, failed reloads are retried like unchanged ones) or too many segments in a row fail
 * (fewer are skipped). An abort of `signal` rejects with its reason.
 */
export async function* readHlsSegments(playlistUrl: string, options: HlsReaderOptions = {}): AsyncGenerator<Buffer, void, undefined> {
	const settings = { ...hlsReaderDefaults, ...withoutUndefined(options) };
	const request: StreamRequestSettings = { ...settings, userAgent: options.userAgent ?? resolveDefaults.userAgent };
	let mediaUrl = playlistUrl;
	let nextSequence: number | undefined;
	let sentInit: string | undefined;
	let staleReloads = 0;
	let failures = 0;
	let targetMs = 2_000;

	for (;;) {
		const loadedAt = Date.now();
		let loaded: Awaited<ReturnType<typeof loadMediaPlaylist>>;
		try {
			loaded = await guarded(() => loadMediaPlaylist(mediaUrl, request, settings.maxPlaylistBytes));
		} catch (error) {
			// Once playing, a reload that fails now and then is a hiccup of the server (or its CDN): try again soon.
			if (nextSequence === undefined || !isHiccup(error) || ++staleReloads > settings.maxStaleReloads) throw error;
			await sleep(Math.max(minReloadMs, targetMs / 2), undefined, { signal: options.signal });
			continue;
		}
		mediaUrl = loaded.url;
		const { playlist } = loaded;
		targetMs = (playlist.targetDuration || 2) * 1000;
		const encrypted = playlist.segments.find((segment) => segment.encryption !== 'NONE');
		if (encrypted) {
			throw new StreamResolveError('hls-encrypted', `The HLS stream ${mediaUrl} is encrypted (${encrypted.encryption}).`, mediaUrl);
		}

		if (nextSequence !== undefined && restarted(playlist, nextSequence)) nextSequence = undefined;
		const fresh = nextSequence === undefined ? startingSegments(playlist, settings.liveEdgeSegments) : newSegments(playlist, nextSequence);
		for (const segment of fresh) {
			try {
				options.onSegment?.(segment);
				// Segments stream through: a failure midway has passed some bytes on already (ffmpeg resyncs on the next segment).
				if (segment.init && initKey(segment.init) !== sentInit) {
					yield* guardedChunks(streamBytes(segment.init.url, request, settings.maxInitBytes, segment.init.byteRange));
					sentInit = initKey(segment.init);
				}
				yield* guardedChunks(streamBytes(segment.url, request, settings.maxSegmentBytes, segment.byteRange));
				failures = 0;
			} catch (error) {
				// A segment that is gone or broken is skipped, as players do; a refused address or an oversized segment is not a hiccup.
				if (!isHiccup(error) || ++failures > settings.maxSegmentFailures) throw error;
			}
			nextSequence = segment.sequence + 1;
		}
		if (playlist.ended) return;

		staleReloads = fresh.length > 0 ? 0 : staleReloads + 1;
		if (staleReloads > settings.maxStaleReloads) {
			throw new StreamResolveError('timeout', `The live HLS playlist ${mediaUrl} stopped adding segments.`, mediaUrl);
		}
		const waitMs = Math.min(maxReloadMs, Math.max(minReloadMs, fresh.length > 0 ? targetMs : targetMs / 2)) - (Date.now() - loadedAt);
		if (waitMs > 0) await sleep(waitMs, undefined, { signal: options.signal });
	}
}

/** The media playlist at `url`; a master playlist is followed once to its best audio variant (see chooseHlsVariants). */
async function loadMediaPlaylist(url: string, request: StreamRequestSettings, maxBytes: number): Promise<{ url: string; playlist: MediaPlaylist }> {
	const text = await loadPlaylistText(url, request, maxBytes);
	const parsed = parseHlsPlaylist(text, url);
	if (parsed.type === 'media') return { url, playlist: parsed };
	const [variant] = chooseHlsVariants(parsed.variants, parsed.audioRenditions);
	if (variant === undefined) throw new StreamResolveError('empty-playlist', `The HLS playlist ${url} lists no streams.`, url);
	const variantUrl = new URL(variant, url).href;
	const variantPlaylist = parseHlsPlaylist(await loadPlaylistText(variantUrl, request, maxBytes), variantUrl);
	if (variantPlaylist.type !== 'media') throw new StreamResolveError('too-deep', `${variantUrl} is not a media playlist.`, variantUrl);
	return { url: variantUrl, playlist: variantPlaylist };
}

async function loadPlaylistText(url: string, request: StreamRequestSettings, maxBytes: number): Promise<string> {
	const text = (await fetchBytes(url, request, maxBytes)).toString('utf8');
	if (
		!text
			.replace(/^\uFEFF/, '')
			.trimStart()
			.startsWith('#EXTM3U')
	) {
		throw new StreamResolveError('not-audio', `${url} is no longer an HLS playlist.`, url);
	}
	return text;
}

function initKey(init: NonNullable<LiveSegment['init']>): string {
	return `${init.url}#${init.byteRange?.offset ?? ''}-${init.byteRange?.length ?? ''}`;
}

/** Where to begin: a finished playlist from its start, a live one near its end. */
function startingSegments(playlist: MediaPlaylist, liveEdge: number): readonly LiveSegment[] {
	return playlist.ended ? playlist.segments : playlist.segments.slice(Math.max(0, playlist.segments.length - liveEdge));
}

/** Segments not delivered yet; if we fell behind the playlist's window, the ones still listed. */
function newSegments(playlist: MediaPlaylist, nextSequence: number): readonly LiveSegment[] {
	return playlist.segments.filter((segment) => segment.sequence >= nextSequence);
}

/** The sequence numbers went back further than the playlist is long: the encoder restarted, start over at the live edge. */
function restarted(playlist: MediaPlaylist, nextSequence: number): boolean {
	const last = playlist.segments.at(-1);
	return last !== undefined && last.sequence + 1 + playlist.segments.length < nextSequence;
}

/** A failure worth retrying or skipping: not a refused address, an oversized response, or an abort. */
function isHiccup(error: unknown): boolean {
	return error instanceof StreamResolveError && error.reason !== 'unsafe-url' && error.reason !== 'too-large';
}

/** HTTP failures as StreamResolveErrors (a refused URL as 'unsafe-url'); aborts and bugs are rethrown as they are. */
async function guarded<T>(load: () => Promise<T>): Promise<T> {
	try {
		return await load();
	} catch (error) {
		throw toStreamResolveError(error);
	}
}

/** guarded, for a stream of chunks. */
async function* guardedChunks(chunks: AsyncGenerator<Buffer, void, undefined>): AsyncGenerator<Buffer, void, undefined> {
	try {
		yield* chunks;
	} catch (error) {
		throw toStreamResolveError(error);
	}
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
