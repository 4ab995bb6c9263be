import type { BlockedRange } from '#lib/net/safety/addressRanges';

/** Why a URL is refused; each code has a localized explanation (stream:refused-<code>). */
export type UrlRefusalCode = 'invalid' | 'scheme' | 'userinfo' | 'too-long' | 'port' | 'blocked-address' | 'no-address';

/** The facts of a refusal, for the log and for a localized message. */
export interface UrlRefusal {
	readonly code: UrlRefusalCode;
	readonly url: string;
	readonly host?: string;
	/** For 'blocked-address': the address refused, its range, and the IPv4 address it carries, if any. */
	readonly address?: string;
	readonly range?: BlockedRange;
	readonly embedded?: string;
	readonly port?: number;
}

/** A URL (or the address its host resolves to) that a user-provided station may not use. */
export class UrlSafetyError extends Error {
	public override readonly name = 'UrlSafetyError';

	public constructor(
		public readonly refusal: UrlRefusal,
		message: string
	) {
		super(message);
	}
}

/** The refusal somewhere in an error's cause chain (an HttpError wraps a lookup's refusal), or null. */
export function findUrlRefusal(error: unknown): UrlRefusal | null {
	for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
		if (current instanceof UrlSafetyError) return current.refusal;
	}
	return null;
}
