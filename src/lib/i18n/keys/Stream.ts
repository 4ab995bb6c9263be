import { T, type TypedT } from '#lib/i18n/T';

/** Why a stream does not play, in words for listeners; keyed by the resolver's and pipeline's reason codes. */
export const Reasons = [
	'unreachable',
	'timeout',
	'http-status',
	'not-audio',
	'empty-playlist',
	'too-deep',
	'too-many-redirects',
	'too-many-requests',
	'too-large',
	'all-entries-failed',
	'bad-url',
	'unsafe-url',
	'hls-encrypted',
	'stream-ended'
] as const;

export type StreamFailureReason = (typeof Reasons)[number];

export function reasonKey(reason: string): TypedT {
	return T(`stream:${(Reasons as readonly string[]).includes(reason) ? reason : 'unknown'}`);
}
