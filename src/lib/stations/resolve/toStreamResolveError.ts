import { HttpError, type HttpErrorReason } from '#lib/net/HttpError';
import { findUrlRefusal, UrlSafetyError } from '#lib/net/safety/UrlSafetyError';
import { StreamResolveError, type StreamResolveReason } from '#lib/stations/resolve/StreamResolveError';

const reasons: Record<HttpErrorReason, StreamResolveReason> = {
	timeout: 'timeout',
	network: 'unreachable',
	'http-status': 'http-status',
	'too-many-redirects': 'too-many-redirects',
	'too-many-requests': 'too-many-requests',
	'too-large': 'too-large',
	'bad-url': 'bad-url'
};

/**
 * HttpErrors become StreamResolveErrors; StreamResolveErrors pass; a URL safety refusal (thrown by `checkUrl`, or by
 * `lookup` and wrapped in an HttpError) becomes 'unsafe-url' with the refusal as its cause; anything else (an abort, a
 * bug) is rethrown.
 */
export function toStreamResolveError(error: unknown): StreamResolveError {
	if (error instanceof StreamResolveError) return error;
	if (error instanceof UrlSafetyError) return new StreamResolveError('unsafe-url', error.message, error.refusal.url, [], { cause: error });
	if (error instanceof HttpError && findUrlRefusal(error)) {
		return new StreamResolveError('unsafe-url', (error.cause as Error).message, error.url, [], { cause: error });
	}
	if (error instanceof HttpError) return new StreamResolveError(reasons[error.reason], error.message, error.url, [], { cause: error });
	throw error;
}
