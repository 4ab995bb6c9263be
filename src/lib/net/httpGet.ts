import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { HttpError } from '#lib/net/HttpError';
import { IcyHttpAgent, IcyHttpsAgent } from '#lib/net/icyAgents';
import type { RequestBudget } from '#lib/net/RequestBudget';

export interface HttpGetOptions {
	readonly headers?: Readonly<Record<string, string>>;
	/** Time allowed from the first request until the final response's headers arrive, across all redirects. Default 10 s. */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
	/** Host name resolution for every hop (e.g. one that refuses private addresses); default the system resolver. */
	readonly lookup?: LookupFunction;
	/** Called with the URL of every hop before connecting; throw (preferably an HttpError 'bad-url') to refuse it. */
	readonly checkUrl?: (url: URL) => void | Promise<void>;
	/** Default 5. */
	readonly maxRedirects?: number;
	/** Default 'GET'. */
	readonly method?: 'GET' | 'HEAD';
	/** Counts every request, each redirect hop too; once it is spent, no further request is made. */
	readonly budget?: RequestBudget;
}

export interface HttpResponse {
	readonly status: number;
	readonly headers: IncomingHttpHeaders;
	/** The body, not yet read. Call `close()` when done with it, or read it to the end. */
	readonly body: IncomingMessage;
	/** The URL that answered, after redirects. */
	readonly url: string;
	/** The URLs that redirected, in order, starting with the requested one; empty without redirects. */
	readonly redirects: readonly string[];
	/** Drops the connection. */
	close(): void;
}

export const defaultHttpTimeoutMs = 10_000;
export const defaultMaxRedirects = 5;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * GET with node:http/https (SHOUTcast v1's `ICY 200 OK` accepted as HTTP/1.0): follows redirects by hand (each hop goes through `checkUrl` and connects with `lookup`),
 * times out, and resolves with a 2xx response whose body is still unread. Every failure is an HttpError.
 */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpResponse> {
	const timeoutMs = options.timeoutMs ?? defaultHttpTimeoutMs;
	const maxRedirects = options.maxRedirects ?? defaultMaxRedirects;
	const deadline = Date.now() + timeoutMs;
	const redirects: string[] = [];
	let current = parseHttpUrl(url);

	for (;;) {
		options.signal?.throwIfAborted();
		await options.checkUrl?.(current);
		// The check may take a while (a DNS lookup): an abort meanwhile must not let the request start.
		options.signal?.throwIfAborted();
		options.budget?.take(current.href);
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) throw timeoutError(current.href, timeoutMs);
		const response = await requestOnce(current, options, remainingMs, timeoutMs);
		const status = response.statusCode ?? 0;

		if (redirectStatuses.has(status) && response.headers.location !== undefined) {
			response.destroy();
			if (redirects.length >= maxRedirects) {
				throw new HttpError('too-many-redirects', `More than ${maxRedirects} redirects, starting at ${url}.`, current.href);
			}
			redirects.push(current.href);
			current = parseHttpUrl(response.headers.location, current);
			continue;
		}

		if (status < 200 || status > 299) {
			response.destroy();
			throw new HttpError(
				'http-status',
				`The server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`,
				current.href,
				{
					status
				}
			);
		}

		return {
			status,
			headers: response.headers,
			body: response,
			url: current.href,
			redirects,
			close: () => response.destroy()
		};
	}
}

function requestOnce(url: URL, options: HttpGetOptions, remainingMs: number, timeoutMs: number): Promise<IncomingMessage> {
	return new Promise((resolve, reject) => {
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		let request: ClientRequest;
		const timer = setTimeout(() => fail(timeoutError(url.href, timeoutMs)), remainingMs);
		const onAbort = () => fail(options.signal?.reason ?? new Error('aborted'));
		const cleanUp = () => {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
		};
		const fail = (error: unknown) => {
			cleanUp();
			request.destroy();
			reject(error);
		};

		try {
			request = send(url, {
				method: options.method ?? 'GET',
				headers: { 'accept-encoding': 'identity', ...options.headers },
				lookup: options.lookup,
				// One connection per request, as `agent: false`, that also accepts SHOUTcast v1's `ICY 200 OK`. Our own timer
				// bounds the whole exchange; a socket idle timeout would double-report.
				agent: url.protocol === 'https:' ? new IcyHttpsAgent() : new IcyHttpAgent()
			});
		} catch (error) {
			clearTimeout(timer);
			reject(new HttpError('bad-url', `Cannot request ${url.href}: ${(error as Error).message}`, url.href, { cause: error }));
			return;
		}
		options.signal?.addEventListener('abort', onAbort, { once: true });
		request.once('response', (response) => {
			cleanUp();
			// Later socket failures surface on the response body; keep a stray request 'error' from crashing the process.
			request.on('error', () => undefined);
			resolve(response);
		});
		request.once('error', (error: NodeJS.ErrnoException) => {
			cleanUp();
			reject(new HttpError('network', describeNetworkError(error, url), url.href, { cause: error }));
		});
		request.end();
	});
}

/** Accepts absolute http(s) URLs, or relative ones when a base is given (redirect targets, playlist entries). */
export function parseHttpUrl(input: string, base?: URL): URL {
	let url: URL;
	try {
		url = new URL(input.trim(), base);
	} catch {
		throw new HttpError('bad-url', `"${input}" is not a valid URL.`, input);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new HttpError('bad-url', `Only http and https URLs can be played, not ${url.protocol.slice(0, -1)}.`, url.href);
	}
	url.hash = '';
	return url;
}

function timeoutError(url: string, timeoutMs: number): HttpError {
	return new HttpError('timeout', `The server did not answer within ${timeoutMs} ms.`, url);
}

function describeNetworkError(error: NodeJS.ErrnoException, url: URL): string {
	switch (error.code) {
		case 'ECONNREFUSED':
			return `The server refused the connection (${url.host}).`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `The host name ${url.hostname} could not be resolved.`;
		case 'ECONNRESET':
			return `The server reset the connection (${url.host}).`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return `The server ${url.host} cannot be reached.`;
		default:
			return `The connection to ${url.host} failed: ${error.message}`;
	}
}
