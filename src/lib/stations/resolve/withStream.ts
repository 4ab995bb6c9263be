import { httpGet, type HttpResponse } from '#lib/net/httpGet';
import type { ResolveOptions } from './types.js';

export type StreamRequestSettings = Pick<ResolveOptions, 'timeoutMs' | 'maxRedirects' | 'signal' | 'lookup' | 'checkUrl' | 'requestBudget'> & {
	readonly userAgent: string;
};

/**
 * GETs `url` with the resolver's network settings (user agent, redirect limit, request budget, SSRF hooks), hands the response to `use`,
 * and always closes it afterwards. An abort also ends a body being read, not only a request waiting for headers.
 */
export async function withStream<T>(
	url: string,
	settings: StreamRequestSettings,
	use: (response: HttpResponse) => Promise<T>,
	headers: Readonly<Record<string, string>> = {}
): Promise<T> {
	const response = await httpGet(url, {
		headers: { 'user-agent': settings.userAgent, accept: '*/*', ...headers },
		timeoutMs: settings.timeoutMs,
		maxRedirects: settings.maxRedirects,
		signal: settings.signal,
		lookup: settings.lookup,
		checkUrl: settings.checkUrl,
		budget: settings.requestBudget
	});
	const onAbort = () => response.close();
	settings.signal?.addEventListener('abort', onAbort, { once: true });
	try {
		return await use(response);
	} finally {
		settings.signal?.removeEventListener('abort', onAbort);
		response.close();
	}
}
