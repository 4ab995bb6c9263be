import { TtlCache } from '#lib/cache/TtlCache';
import type { HttpResponse } from '#lib/net/httpGet';
import { resolveStream } from '#lib/stations/resolve/resolveStream';
import type { ResolvedStream, ResolveOptions } from '#lib/stations/resolve/types';

export interface StreamResolverOptions extends Omit<ResolveOptions, 'signal' | 'requestBudget'> {
	/** How long a resolved URL is reused. Default 10 minutes. */
	readonly cacheTtlMs?: number;
	/** Default 500. */
	readonly cacheMaxEntries?: number;
	readonly now?: () => number;
}

/** One resolution in flight, shared by everyone asking for its URL meanwhile. */
interface SharedResolution {
	readonly promise: Promise<ResolvedStream>;
	readonly abort: AbortController;
	/** Callers still waiting for it; a caller without a signal never stops waiting. */
	waiters: number;
}

/**
 * resolveStream with a TTL cache of results and one shared resolution per URL in flight (20 servers starting the same
 * station fetch its playlist once). Failures are not cached. A caller may pass a signal to stop waiting; once every
 * caller has stopped waiting, the shared resolution is aborted: nobody wants it, so it must not go on making requests.
 */
export class StreamResolver {
	private readonly cache: TtlCache<string, ResolvedStream>;
	private readonly inFlight = new Map<string, SharedResolution>();
	private readonly options: Omit<ResolveOptions, 'signal' | 'requestBudget'>;

	public constructor({ cacheTtlMs = 10 * 60_000, cacheMaxEntries = 500, now, ...options }: StreamResolverOptions = {}) {
		this.cache = new TtlCache({ ttlMs: cacheTtlMs, maxEntries: cacheMaxEntries, now });
		this.options = options;
	}

	/** The cached resolution of `url`, or a fresh one. Throws StreamResolveError; rejects with the reason of `signal` once it aborts. */
	public resolve(url: string, signal?: AbortSignal): Promise<ResolvedStream> {
		const cached = this.cache.get(url);
		if (cached) return Promise.resolve(cached);
		if (signal?.aborted) return Promise.reject(signal.reason);
		const shared = this.inFlight.get(url) ?? this.start(url);
		shared.waiters++;
		return this.wait(url, shared, signal);
	}

	/**
	 * As resolve, and when this call itself resolved a direct stream, also the connection it resolved, still open (see
	 * ResolveOptions.keepOpen): the caller owns it. A cached resolution, or one shared with another caller, comes without.
	 */
	public async resolveOpen(url: string, signal?: AbortSignal): Promise<{ stream: ResolvedStream; connection: HttpResponse | null }> {
		if (this.cache.get(url) || this.inFlight.has(url) || signal?.aborted) return { stream: await this.resolve(url, signal), connection: null };
		let connection: HttpResponse | null = null;
		const shared = this.start(url, (opened) => {
			connection = opened;
		});
		shared.waiters++;
		try {
			return { stream: await this.wait(url, shared, signal), connection };
		} catch (error) {
			(connection as HttpResponse | null)?.close();
			throw error;
		}
	}

	/** Forgets a resolution, e.g. when the stream it gave stopped working. */
	public invalidate(url: string): void {
		this.cache.delete(url);
	}

	/** Drops expired entries; returns how many. */
	public sweep(): number {
		return this.cache.sweep();
	}

	/** The shared resolution's result, or the reason of `signal` once it aborts (the last waiter leaving aborts the resolution). */
	private wait(url: string, shared: SharedResolution, signal?: AbortSignal): Promise<ResolvedStream> {
		if (!signal) return shared.promise;
		return new Promise((resolve, reject) => {
			const onAbort = () => {
				reject(signal.reason);
				if (--shared.waiters === 0) this.abandon(url, shared, signal.reason);
			};
			signal.addEventListener('abort', onAbort, { once: true });
			shared.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
		});
	}

	private start(url: string, keepOpen?: (connection: HttpResponse) => void): SharedResolution {
		const abort = new AbortController();
		const shared: SharedResolution = {
			abort,
			waiters: 0,
			promise: resolveStream(url, { ...this.options, signal: abort.signal, keepOpen })
				.then((stream) => {
					this.cache.set(url, stream);
					return stream;
				})
				.finally(() => {
					if (this.inFlight.get(url) === shared) this.inFlight.delete(url);
				})
		};
		// Callers with a signal listen through their own promise; without any caller left, nobody else handles the abort.
		shared.promise.catch(() => undefined);
		this.inFlight.set(url, shared);
		return shared;
	}

	/** Nobody waits any more: stop its requests, and let the next caller start afresh instead of joining an aborted one. */
	private abandon(url: string, shared: SharedResolution, reason: unknown): void {
		if (this.inFlight.get(url) === shared) this.inFlight.delete(url);
		shared.abort.abort(reason);
	}
}
