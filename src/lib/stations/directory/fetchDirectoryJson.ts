import { HttpError } from '#lib/net/HttpError';
import { httpGet } from '#lib/net/httpGet';
import { readLimited } from '#lib/net/readLimited';
import { RequestBudget } from '#lib/net/RequestBudget';

export interface DirectoryFetchOptions {
	/** Names the bot, as radio-browser.info asks of every client. */
	readonly userAgent: string;
	/** For the whole exchange: every redirect, the headers and the body. */
	readonly timeoutMs: number;
	/** A larger body is refused (`too-large`), never parsed in part. */
	readonly maxBytes: number;
}

/** Requests one directory answer may cost, redirects included. */
const MaxRequests = 3;

/**
 * GETs a JSON document from a directory server: HTTPS only (a redirect to http:// is refused), a bounded number of
 * requests, one deadline for headers and body together, and at most `maxBytes` read. Every failure is an HttpError;
 * a body that is not JSON is one too ('bad-url' would mislead, so 'network': the server did not answer usefully).
 */
export async function fetchDirectoryJson(url: string, options: DirectoryFetchOptions): Promise<unknown> {
	const started = Date.now();
	const response = await httpGet(url, {
		headers: { 'user-agent': options.userAgent, accept: 'application/json' },
		timeoutMs: options.timeoutMs,
		maxRedirects: MaxRequests - 1,
		budget: new RequestBudget(MaxRequests),
		checkUrl: (target) => {
			if (target.protocol !== 'https:')
				throw new HttpError('bad-url', `The directory may only be reached over HTTPS, not ${target.href}.`, target.href);
		}
	});
	try {
		const declared = Number(response.headers['content-length']);
		if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(response.url, options.maxBytes);
		const remainingMs = Math.max(1, options.timeoutMs - (Date.now() - started));
		const { data, complete } = await readLimited(response.body, options.maxBytes + 1, remainingMs, response.url);
		if (!complete || data.length > options.maxBytes) throw tooLarge(response.url, options.maxBytes);
		try {
			return JSON.parse(data.toString('utf8')) as unknown;
		} catch (error) {
			throw new HttpError('network', 'The directory answered with something that is not JSON.', response.url, { cause: error });
		}
	} finally {
		response.close();
	}
}

function tooLarge(url: string, maxBytes: number): HttpError {
	return new HttpError('too-large', `The directory's answer is larger than ${maxBytes} bytes.`, url);
}
