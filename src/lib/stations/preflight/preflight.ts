import type { HttpResponse } from '#lib/net/httpGet';
import { readLimited } from '#lib/net/readLimited';
import { RequestBudget } from '#lib/net/RequestBudget';
import { findUrlRefusal, type UrlRefusal } from '#lib/net/safety/UrlSafetyError';
import { parseHlsPlaylist } from '#lib/stations/hls/parseHlsPlaylist';
import { resolveDefaults, resolveStream } from '#lib/stations/resolve/resolveStream';
import { looksLikeSegment, sniffAudio } from '#lib/stations/resolve/sniffAudio';
import { StreamResolveError, type EntryFailure, type StreamResolveReason } from '#lib/stations/resolve/StreamResolveError';
import { toStreamResolveError } from '#lib/stations/resolve/toStreamResolveError';
import type { ResolvedStream, ResolveOptions } from '#lib/stations/resolve/types';
import { icyHeaders } from '#lib/stations/resolve/icyHeaders';
import { openStream, withStream } from '#lib/stations/resolve/withStream';

export interface PreflightOptions extends Omit<ResolveOptions, 'timeoutMs'> {
	/** Everything (resolving included) must be done within this. Default 10 s. */
	readonly timeoutMs?: number;
	/** Audio bytes a direct stream must deliver. Default 8 KiB (half a second of 128 kbps MP3). */
	readonly minAudioBytes?: number;
	/** Skips resolving (e.g. a cached resolution): only checks that audio arrives. */
	readonly resolved?: ResolvedStream;
	/**
	 * Resolves the URL instead of resolveStream (e.g. StreamResolver#resolve, to use its cache). It gets the preflight's
	 * signal, which aborts when the preflight gives up (deadline or caller): it must then stop its requests.
	 */
	readonly resolve?: (url: string, signal: AbortSignal) => Promise<ResolvedStream | OpenResolution>;
	/**
	 * Keeps a direct stream's checked connection open and returns it (`connection`, every byte read pushed back): the
	 * pipeline plays from it instead of connecting again. Default false: it is closed.
	 */
	readonly keepConnection?: boolean;
	/** The bot reads this station's HLS itself (HlsStream, through the URL safety hooks), which cannot decrypt: refuse encrypted HLS. */
	readonly refuseEncryptedHls?: boolean;
}

/** A resolution that may come with the connection it resolved, still open (StreamResolver#resolveOpen). */
export interface OpenResolution {
	readonly stream: ResolvedStream;
	readonly connection: HttpResponse | null;
}

export type PreflightResult =
	| {
			readonly ok: true;
			readonly stream: ResolvedStream;
			/** From the call to the first audio bytes. */
			readonly firstAudioMs: number;
			/** With `keepConnection`, a direct stream's checked connection: the caller owns it and must close it. */
			readonly connection?: HttpResponse;
	  }
	| {
			readonly ok: false;
			readonly reason: StreamResolveReason;
			readonly message: string;
			readonly failures: readonly EntryFailure[];
			/** For 'unsafe-url': what was refused (address, range, port…). */
			readonly refusal?: UrlRefusal;
	  };

export const defaultPreflightTimeoutMs = 10_000;

/**
 * Resolves a station URL and checks that audio really arrives within `timeoutMs`: for a direct stream, `minAudioBytes`
 * that sniff as audio; for HLS, a media playlist with segments whose first one answers with audio bytes.
 * Resolving and checking share one request budget (`maxRequests`, unless `options.resolve` resolves: it has its own).
 * Once the deadline passes or the caller's signal aborts, no further request starts and those in flight are dropped.
 * Never throws for stream problems: they come back as `{ ok: false, reason, message }`.
 */
export async function preflight(url: string, options: PreflightOptions = {}): Promise<PreflightResult> {
	const timeoutMs = options.timeoutMs ?? defaultPreflightTimeoutMs;
	const started = performance.now();
	const timeout = new AbortController();
	const timer = setTimeout(() => timeout.abort(new StreamResolveError('timeout', `No audio arrived within ${timeoutMs} ms.`, url)), timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
	const requestBudget = options.requestBudget ?? new RequestBudget(options.maxRequests ?? resolveDefaults.maxRequests);
	const settings = { ...options, timeoutMs, signal, requestBudget };
	let opened: HttpResponse | null = null;
	try {
		const resolution =
			options.resolved ?? (options.resolve ? await untilAborted(options.resolve(url, signal), signal) : await resolveStream(url, settings));
		const { stream, connection } = 'stream' in resolution ? resolution : { stream: resolution, connection: null };
		opened = connection;
		if (stream.kind === 'hls') {
			opened?.close();
			await checkHls(stream, settings);
			return { ok: true, stream, firstAudioMs: Math.round(performance.now() - started) };
		}
		opened = await checkDirect(stream, settings, connection);
		const firstAudioMs = Math.round(performance.now() - started);
		if (!options.keepConnection || !opened) {
			opened?.close();
			return { ok: true, stream, firstAudioMs };
		}
		return { ok: true, stream, firstAudioMs, connection: opened };
	} catch (error) {
		opened?.close();
		// Our own deadline is a stream problem; the caller's abort is not.
		const cause = timeout.signal.aborted ? timeout.signal.reason : error;
		if (!timeout.signal.aborted) options.signal?.throwIfAborted();
		const failure = toStreamResolveError(cause);
		const refusal = findUrlRefusal(failure);
		return { ok: false, reason: failure.reason, message: failure.message, failures: failure.failures, ...(refusal && { refusal }) };
	} finally {
		clearTimeout(timer);
	}
}

type CheckSettings = PreflightOptions & { readonly timeoutMs: number; readonly signal: AbortSignal };

/**
 * Reads the first audio bytes of a direct stream, on the connection its resolution kept open or a new one, and checks
 * them. Returns the connection with those bytes pushed back, or null once the stream has ended (nothing left to play).
 */
async function checkDirect(stream: ResolvedStream, settings: CheckSettings, connection: HttpResponse | null): Promise<HttpResponse | null> {
	const response =
		connection ??
		(await openStream(stream.url, { ...settings, userAgent: settings.userAgent ?? resolveDefaults.userAgent }, { 'icy-metadata': '1' }));
	try {
		// Stay before the first ICY metadata block: it would spoil the sniffing.
		const metaint = icyHeaders(response.headers)?.metaint || Infinity;
		const head = await readLimited(response.body, Math.min(settings.minAudioBytes ?? 8192, metaint), settings.timeoutMs, response.url);
		const bytes = head.data;
		if (bytes.length === 0) throw new StreamResolveError('not-audio', `${stream.url} ended without sending audio.`, stream.url);
		if (stream.container !== 'unknown' && sniffAudio(bytes) === null) {
			throw new StreamResolveError('not-audio', `${stream.url} no longer sends ${stream.container} audio.`, stream.url);
		}
		if (head.complete) {
			response.close();
			return null;
		}
		response.body.unshift(bytes);
		return response;
	} catch (error) {
		response.close();
		throw error;
	}
}

async function checkHls(stream: ResolvedStream, settings: CheckSettings): Promise<void> {
	const text = (await fetchPrefix(stream.url, resolveDefaults.maxPlaylistBytes, settings)).toString('utf8');
	const playlist = parseHlsPlaylist(text, stream.url);
	if (playlist.type !== 'media' || playlist.segments.length === 0) {
		throw new StreamResolveError('empty-playlist', `The HLS playlist ${stream.url} lists no segments.`, stream.url);
	}
	const encrypted = settings.refuseEncryptedHls && playlist.segments.find((segment) => segment.encryption !== 'NONE');
	if (encrypted) throw new StreamResolveError('hls-encrypted', `The HLS stream ${stream.url} is encrypted (${encrypted.encryption}).`, stream.url);
	// ffmpeg joins a live playlist three segments from its end; check the segment it will ask for first.
	const { segments } = playlist;
	const segment = segments[playlist.ended ? 0 : Math.max(0, segments.length - 3)];
	const segmentUrl = segment!.url;
	const bytes = await fetchPrefix(segmentUrl, 1024, settings);
	if (!looksLikeSegment(bytes)) throw new StreamResolveError('not-audio', `The HLS segment ${segmentUrl} holds no audio.`, segmentUrl);
}

/** The first `maxBytes` of a URL's body (less if it ends sooner). */
async function fetchPrefix(url: string, maxBytes: number, settings: CheckSettings): Promise<Buffer> {
	const requestSettings = { ...settings, userAgent: settings.userAgent ?? resolveDefaults.userAgent };
	return withStream(url, requestSettings, async (response) => (await readLimited(response.body, maxBytes, settings.timeoutMs, response.url)).data);
}

/** Stops waiting for a custom resolver as soon as `signal` aborts, even if it is slow to stop its own work. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}
