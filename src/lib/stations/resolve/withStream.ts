import { httpGet, type HttpResponse } from '#lib/net/httpGet';
import type { ResolveOptions } from '#lib/stations/resolve/types';

export type StreamRequestSettings = Pick<ResolveOptions, 'timeoutMs' | 'maxRedirects' | 'signal' | 'lookup' | 'checkUrl' | 'requestBudget'> & {
	readonly userAgent: string;
};

/**
 * GETs `url` with the resolver's network settings (user agent, redirect limit, request budget, SSRF hooks), hands the
 * response to `use`, and always closes it afterwards. An abort also ends a body being read, not only a request waiting
 * for headers.
 */
export async function withStream<T>(
	url: string,
	settings: StreamRequestSettings,
	use: (response: HttpResponse) => Promise<T>,
	headers: Readonly<Record<string, string>> = {},
	/** Responses `use` handed on to a new owner: left open. */
	handedOn?: WeakSet<HttpResponse>
): Promise<T> {
	const response = await openStream(url, settings, headers);
	try {
		return await use(response);
	} finally {
		if (!handedOn?.has(response)) response.close();
	}
}

/**
 * GETs `url` as withStream does, for a caller that reads the body over time (a generator): an abort of the settings'
 * signal closes the response, and so does `close()`, which the caller must call when done.
 */
export async function openStream(
	url: string,
	settings: StreamRequestSettings,
	headers: Readonly<Record<string, string>> = {}
): Promise<HttpResponse> {
	const response = await httpGet(url, {
		headers: { 'user-agent': settings.userAgent, accept: '*/*', ...headers },
		timeoutMs: settings.timeoutMs,
		maxRedirects: settings.maxRedirects,
		signal: settings.signal,
		lookup: settings.lookup,
		checkUrl: settings.checkUrl,
		budget: settings.requestBudget
	});
	const { signal } = settings;
	if (!signal) return response;
	const onAbort = () => response.close();
	signal.addEventListener('abort', onAbort, { once: true });
	return {
		...response,
		close: () => {
			signal.removeEventListener('abort', onAbort);
			response.close();
		}
	};
}
