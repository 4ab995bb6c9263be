import { ErrorCode } from './HttpError.js';

/** A raw HTTP answer the emulator sends instead of handling a request. */
export interface FaultResponse {
	readonly status: number;
	readonly headers?: Readonly<Record<string, string>>;
	/** An object is sent as JSON; a string as is, with `contentType`. */
	readonly body?: unknown;
	/** Default `application/json` for object bodies, `text/plain` for strings. */
	readonly contentType?: string;
}

export type RateLimitScope = 'user' | 'global' | 'shared';

export interface RateLimitOptions {
	/** retry_after in the body (seconds, fractions kept); the Retry-After header is its ceiling, as Discord sends it. Default 1. */
	retryAfterSeconds?: number;
	/** 'user' (a route's own bucket), 'shared' (a resource's bucket), or 'global' (every route: X-RateLimit-Global). Default 'user'. */
	scope?: RateLimitScope;
	/** X-RateLimit-Bucket; default a fixed hash. */
	bucket?: string;
	/** X-RateLimit-Limit of the bucket; default 5. */
	limit?: number;
	/** A JSON error code some limits carry (e.g. 20028 for a channel's write limit); Discord's examples omit it. */
	code?: number;
}

const seconds = (value: number) => (Math.round(value * 1000) / 1000).toFixed(3);

/**
 * 429 Too Many Requests as Discord sends it (docs: topics/rate-limits, "Exceeding A Rate Limit"): a route or shared bucket
 * carries the X-RateLimit-* bucket headers and X-RateLimit-Scope; the global limit carries X-RateLimit-Global instead.
 */
export function rateLimited({
	retryAfterSeconds = 1,
	scope = 'user',
	bucket = '80c17d2f203122d936070c88c8d10f33',
	limit = 5,
	code
}: RateLimitOptions = {}) {
	const retryAfter = Math.max(0, retryAfterSeconds);
	const headers: Record<string, string> = { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': scope };
	if (scope === 'global') headers['x-ratelimit-global'] = 'true';
	else {
		Object.assign(headers, {
			'x-ratelimit-limit': String(limit),
			// A shared (per-resource) limit can hit while the bot's own bucket still has requests left.
			'x-ratelimit-remaining': scope === 'shared' ? String(Math.max(0, limit - 1)) : '0',
			'x-ratelimit-reset': seconds(Date.now() / 1000 + retryAfter),
			'x-ratelimit-reset-after': seconds(retryAfter),
			'x-ratelimit-bucket': bucket
		});
	}
	const body = {
		message: scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.',
		retry_after: Number(seconds(retryAfter)),
		global: scope === 'global',
		...(code === undefined ? {} : { code })
	};
	return { status: 429, headers, body } satisfies FaultResponse;
}

const cloudflarePage = (status: number, text: string) =>
	`<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;

/**
 * A server-side failure: 500 in Discord's JSON shape; 502 and 504 as Cloudflare's HTML pages; 503 as the plain-text
 * answer of Discord's proxy when the service behind it is overloaded.
 */
export function serverError(status: 500 | 502 | 503 | 504 = 500): FaultResponse {
	switch (status) {
		case 502:
			return { status, contentType: 'text/html', body: cloudflarePage(502, 'Bad Gateway') };
		case 503:
			return { status, contentType: 'text/plain', body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow' };
		case 504:
			return { status, contentType: 'text/html', body: cloudflarePage(504, 'Gateway Time-out') };
		default:
			return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
	}
}

/** A JSON error in Discord's shape. */
export const discordError = (status: number, code: number, message: string): FaultResponse => ({ status, body: { message, code } });

/** 404 10062: the interaction is gone (answered too late, or Discord lost it). */
export const unknownInteraction = () => discordError(404, ErrorCode.UnknownInteraction, 'Unknown interaction');
/** 403 50013: the bot lacks a permission the action needs. */
export const missingPermissions = () => discordError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
/** 403 50001: the bot cannot see the channel or guild. */
export const missingAccess = () => discordError(403, ErrorCode.MissingAccess, 'Missing Access');
/** 401 50027: an interaction token past its 15 minutes. */
export const invalidWebhookToken = () => discordError(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token');
/** 404 10008: the message was deleted meanwhile. */
export const unknownMessage = () => discordError(404, ErrorCode.UnknownMessage, 'Unknown Message');
