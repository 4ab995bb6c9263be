export type HttpErrorReason = 'timeout' | 'network' | 'http-status' | 'too-many-redirects' | 'too-many-requests' | 'too-large' | 'bad-url';

export interface HttpErrorOptions {
	/** The HTTP status, for 'http-status'. */
	readonly status?: number;
	readonly cause?: unknown;
}

/** A failed HTTP fetch, with a machine-readable `reason`, the URL it concerns and a message in plain words. */
export class HttpError extends Error {
	public override readonly name = 'HttpError';
	public readonly status: number | undefined;

	public constructor(
		public readonly reason: HttpErrorReason,
		message: string,
		public readonly url: string,
		options: HttpErrorOptions = {}
	) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.status = options.status;
	}
}
