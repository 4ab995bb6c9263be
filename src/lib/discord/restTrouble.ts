/** What @discordjs/rest's `response` event gives: the request as routed, and the response's status and headers. */
export interface RestExchange {
	readonly method: string;
	/** The bucket route: ids as `:id` and interaction tokens as `:token`, so it may be logged. */
	readonly route: string;
	/** Retries of this request so far. */
	readonly retries: number;
	readonly status: number;
	readonly headers: { get(name: string): string | null };
}

export interface RestTrouble {
	readonly message: string;
	readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * A 429 or 5xx that @discordjs/rest handles by itself (waiting for the limit, retrying the server error), so that nothing
 * else would log it; null for any other answer (4xx errors reach the caller, which logs them). Never the URL: it can hold
 * an interaction token.
 */
export function restTrouble(exchange: RestExchange, maxRetries: number): RestTrouble | null {
	const { method, route, retries, status, headers } = exchange;
	if (status === 429) {
		const global = headers.get('x-ratelimit-global') === 'true';
		return {
			message: global ? 'Discord global rate limit (429): every request waits' : 'Discord rate limit (429): the request waits and retries',
			fields: {
				status,
				method,
				route,
				global,
				scope: headers.get('x-ratelimit-scope') ?? 'user',
				retryAfterSeconds: Number(headers.get('retry-after') ?? 0)
			}
		};
	}
	if (status >= 500 && status < 600) {
		const willRetry = retries < maxRetries;
		return {
			message: willRetry ? `Discord server error (${status}): retrying` : `Discord server error (${status}): retries spent`,
			fields: { status, method, route, retries, willRetry }
		};
	}
	return null;
}
