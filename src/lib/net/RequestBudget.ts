import { HttpError } from '#lib/net/HttpError';

/**
 * How many HTTP requests one piece of work may make in all, redirect hops included: a station URL whose playlists list
 * playlists (each redirecting a few times) would otherwise turn one /radio play into thousands of requests.
 */
export class RequestBudget {
	private used = 0;

	public constructor(public readonly limit: number) {}

	/** Requests made so far. */
	public get spent(): number {
		return this.used;
	}

	/** Counts a request to `url`; once the budget is spent, throws an HttpError 'too-many-requests' instead (before connecting). */
	public take(url: string): void {
		if (this.used >= this.limit) {
			throw new HttpError('too-many-requests', `Gave up after ${this.limit} requests (playlists, redirects and streams together).`, url);
		}
		this.used++;
	}
}
