import { HttpError, type HttpErrorReason } from '#lib/net/HttpError';
import { StreamResolveError, type StreamResolveReason } from './StreamResolveError.js';

const reasons: Record<HttpErrorReason, StreamResolveReason> = {
	timeout: 'timeout',
	network: 'unreachable',
	'http-status': 'http-status',
	'too-many-redirects': 'too-many-redirects',
	'too-large': 'too-large',
	'bad-url': 'bad-url'
};

/** HttpErrors become StreamResolveErrors; StreamResolveErrors pass; anything else (an abort, a bug) is rethrown. */
export function toStreamResolveError(error: unknown): StreamResolveError {
	if (error instanceof StreamResolveError) return error;
	if (error instanceof HttpError) return new StreamResolveError(reasons[error.reason], error.message, error.url, [], { cause: error });
	throw error;
}
