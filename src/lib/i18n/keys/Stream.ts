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

/** The listener-facing words for a reason; every reason the resolver or a pipeline can give has its own key (checked by the compiler). */
export function reasonKey(reason: StreamFailureReason): TypedT {
	return T(`stream:${reason}`);
}
