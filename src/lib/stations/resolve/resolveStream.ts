import { parseHttpUrl, type HttpResponse } from '#lib/net/httpGet';
import { readLimited } from '#lib/net/readLimited';
import { RequestBudget } from '#lib/net/RequestBudget';
import { chooseHlsVariants } from '#lib/stations/resolve/chooseHlsVariants';
import { classifyText, isText } from '#lib/stations/resolve/classifyText';
import { icyHeaders } from '#lib/stations/resolve/icyHeaders';
import { parseHlsPlaylist } from '#lib/stations/hls/parseHlsPlaylist';
import { parseM3u, parsePls } from '#lib/stations/resolve/parsePlaylist';
import { sniffAudio } from '#lib/stations/resolve/sniffAudio';
import { StreamResolveError, type EntryFailure } from '#lib/stations/resolve/StreamResolveError';
import { toStreamResolveError } from '#lib/stations/resolve/toStreamResolveError';
import type { ResolvedStream, ResolveOptions } from '#lib/stations/resolve/types';
import { withStream } from '#lib/stations/resolve/withStream';

export const resolveDefaults = {
	userAgent: 'Alastor/1.0 (internet radio bot)',
	timeoutMs: 10_000,
	maxDepth: 3,
	maxRedirects: 5,
	maxPlaylistBytes: 64 * 1024,
	maxEntries: 10,
	maxRequests: 20,
	totalTimeoutMs: 30_000,
	hlsBandwidthFloor: 64_000
} as const;

/** Responses handed to `keepOpen`: withStream must not close them. */
const kept = new WeakSet<HttpResponse>();

/** Bytes looked at to tell audio from a playlist or a web page. */
const sniffBytes = 4096;

type Settings = Required<Omit<ResolveOptions, 'lookup' | 'checkUrl' | 'keepOpen'>> & Pick<ResolveOptions, 'lookup' | 'checkUrl' | 'keepOpen'>;

/**
 * Follows a station URL to the media URL ffmpeg should play: through redirects, PLS/M3U playlists (entries tried in
 * order), nested playlists up to `maxDepth`, and HLS master playlists (an audio variant, see chooseHlsVariants) down to a
 * media playlist. What a response is comes from its bytes, not its extension or content type, which often lie.
 * All of it shares one request budget (`maxRequests`) and one deadline (`totalTimeoutMs`): once either is spent, or
 * `signal` aborts, no further request starts and the one in flight is dropped.
 * Throws StreamResolveError for every stream problem; rethrows an abort from `signal`.
 */
export async function resolveStream(url: string, options: ResolveOptions = {}): Promise<ResolvedStream> {
	const { signal: callerSignal, requestBudget, ...rest } = options;
	const defaults = { ...resolveDefaults, ...withoutUndefined(rest) };
	const deadline = new AbortController();
	const timer = setTimeout(
		() => deadline.abort(new StreamResolveError('timeout', `Resolving ${url} took longer than ${defaults.totalTimeoutMs} ms.`, url)),
		defaults.totalTimeoutMs
	);
	const settings: Settings = {
		...defaults,
		signal: callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal,
		requestBudget: requestBudget ?? new RequestBudget(defaults.maxRequests)
	};
	try {
		return await resolveAt(parseHttpUrl(url).href, 0, [], settings);
	} catch (error) {
		callerSignal?.throwIfAborted();
		if (deadline.signal.aborted) throw deadline.signal.reason;
		throw toStreamResolveError(error);
	} finally {
		clearTimeout(timer);
	}
}

async function resolveAt(url: string, depth: number, chain: readonly string[], settings: Settings): Promise<ResolvedStream> {
	return withStream(
		url,
		settings,
		async (response) => {
			const visited = [...chain, ...response.redirects];
			const contentType = mediaType(response.headers['content-type']);
			const icy = icyHeaders(response.headers);
			// Stay before the first ICY metadata block: it would spoil the sniffing.
			const head = await readLimited(response.body, Math.min(sniffBytes, icy?.metaint ?? Infinity), settings.timeoutMs, response.url);

			const audio = sniffAudio(head.data);
			if (audio) {
				keep(response, head.data, settings);
				return { url: response.url, kind: 'direct', container: audio, contentType, chain: visited, icy };
			}

			const textKind = classifyText(head.data, looksLikePlaylist(response.url, contentType));
			if (textKind === 'markup') {
				throw new StreamResolveError(
					'not-audio',
					`${response.url} is a web page (${contentType ?? 'no content type'}), not an audio stream.`,
					response.url
				);
			}
			if (textKind === null) {
				if (head.data.length > 0 && mayBeAudio(contentType, head.data)) {
					keep(response, head.data, settings);
					return { url: response.url, kind: 'direct', container: 'unknown', contentType, chain: visited, icy };
				}
				const what = head.data.length === 0 ? 'an empty response' : `${contentType ?? 'data'} that is neither audio nor a playlist`;
				throw new StreamResolveError('not-audio', `${response.url} sent ${what}.`, response.url);
			}

			const text = await readRest(response, head, settings);
			if (textKind === 'hls') return resolveHls(text, response, depth, visited, contentType, settings);
			if (depth >= settings.maxDepth) throw tooDeep(response.url, settings);
			const entries = textKind === 'pls' ? parsePls(text) : parseM3u(text);
			return resolveEntries(entries, response.url, depth, [...visited, response.url], settings);
		},
		{ 'icy-metadata': '1' },
		kept
	);
}

/** Hands a direct stream's open response to `keepOpen`, its first bytes pushed back; withStream then leaves it open. */
function keep(response: HttpResponse, head: Buffer, settings: Settings): void {
	if (!settings.keepOpen) return;
	response.body.unshift(head);
	kept.add(response);
	settings.keepOpen(response);
}

async function resolveHls(
	text: string,
	response: HttpResponse,
	depth: number,
	chain: readonly string[],
	contentType: string | null,
	settings: Settings
): Promise<ResolvedStream> {
	const playlist = parseHlsPlaylist(text, response.url);
	if (playlist.type === 'media') {
		if (playlist.segments.length === 0)
			throw new StreamResolveError('empty-playlist', `The HLS playlist ${response.url} lists no segments.`, response.url);
		const encrypted = playlist.segments.some((segment) => segment.encryption !== 'NONE');
		return { url: response.url, kind: 'hls', container: 'hls', contentType, chain, icy: null, ...(encrypted && { encrypted }) };
	}
	if (depth >= settings.maxDepth) throw tooDeep(response.url, settings);
	const variants = chooseHlsVariants(playlist.variants, playlist.audioRenditions, settings.hlsBandwidthFloor);
	return resolveEntries(variants, response.url, depth, [...chain, response.url], settings);
}

/** Tries a playlist's entries in order; the first that resolves wins. */
async function resolveEntries(
	entries: readonly string[],
	base: string,
	depth: number,
	chain: readonly string[],
	settings: Settings
): Promise<ResolvedStream> {
	if (entries.length === 0) throw new StreamResolveError('empty-playlist', `The playlist ${base} lists no streams.`, base);
	const failures: EntryFailure[] = [];
	let firstRefusal: StreamResolveError | null = null;
	for (const entry of entries.slice(0, settings.maxEntries)) {
		let url = entry;
		try {
			url = parseHttpUrl(entry, new URL(base)).href;
			return await resolveAt(url, depth + 1, chain, settings);
		} catch (error) {
			settings.signal.throwIfAborted();
			const failure = toStreamResolveError(error);
			// One entry: its own reason says more than "all entries failed". A spent budget fails every further entry too.
			if (entries.length === 1 || failure.reason === 'too-many-requests') throw failure;
			failures.push({ url, reason: failure.reason, message: failure.message });
			if (failure.reason === 'unsafe-url') firstRefusal ??= failure;
		}
	}
	const tried = failures.map((failure, index) => `${index + 1}. ${failure.url}: ${failure.message}`).join(' ');
	// Every entry refused by the safety checks: say that (with the address), not just "none of them answered".
	if (firstRefusal && failures.every((failure) => failure.reason === 'unsafe-url')) {
		throw new StreamResolveError('unsafe-url', firstRefusal.message, firstRefusal.url, failures, { cause: firstRefusal });
	}
	throw new StreamResolveError('all-entries-failed', `None of the ${failures.length} streams in ${base} plays. ${tried}`, base, failures);
}

async function readRest(response: HttpResponse, head: { data: Buffer; complete: boolean }, settings: Settings): Promise<string> {
	const limit = settings.maxPlaylistBytes;
	const declared = Number(response.headers['content-length']);
	if (declared > limit || head.data.length > limit) throw tooLarge(response.url, limit);
	let { data } = head;
	if (!head.complete) {
		const rest = await readLimited(response.body, limit - data.length + 1, settings.timeoutMs, response.url);
		data = Buffer.concat([data, rest.data]);
		if (data.length > limit) throw tooLarge(response.url, limit);
	}
	return data.toString('utf8');
}

function tooLarge(url: string, limit: number): StreamResolveError {
	return new StreamResolveError('too-large', `The playlist ${url} is larger than ${Math.round(limit / 1024)} KiB.`, url);
}

function tooDeep(url: string, settings: Settings): StreamResolveError {
	return new StreamResolveError('too-deep', `Playlists are nested more than ${settings.maxDepth} deep at ${url}.`, url);
}

function mediaType(header: string | undefined): string | null {
	const type = header?.split(';')[0].trim().toLowerCase();
	return type ? type : null;
}

const playlistTypes = ['audio/x-scpls', 'audio/scpls', 'audio/x-mpegurl', 'audio/mpegurl', 'application/vnd.apple.mpegurl', 'application/x-mpegurl'];

function looksLikePlaylist(url: string, contentType: string | null): boolean {
	return /\.(pls|m3u8?)$/i.test(new URL(url).pathname) || (contentType !== null && playlistTypes.includes(contentType));
}

/** Binary data we cannot identify is handed to ffmpeg when the server calls it audio (or gives no useful type). */
function mayBeAudio(contentType: string | null, data: Buffer): boolean {
	if (isText(data)) return false;
	return (
		contentType === null || contentType.startsWith('audio/') || contentType === 'application/ogg' || contentType === 'application/octet-stream'
	);
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
