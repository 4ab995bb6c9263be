import { TtlCache } from '#lib/cache/TtlCache';
import { resolveStream } from './resolveStream.js';
import type { ResolvedStream, ResolveOptions } from './types.js';

export interface StreamResolverOptions extends Omit<ResolveOptions, 'signal'> {
	/** How long a resolved URL is reused. Default 10 minutes. */
	readonly cacheTtlMs?: number;
	/** Default 500. */
	readonly cacheMaxEntries?: number;
	readonly now?: () => number;
}

/**
 * resolveStream with a TTL cache of results and one shared resolution per URL in flight (20 servers starting the same
 * station fetch its playlist once). Failures are not cached.
 */
export class StreamResolver {
	private readonly cache: TtlCache<string, ResolvedStream>;
	private readonly inFlight = new Map<string, Promise<ResolvedStream>>();
	private readonly options: Omit<ResolveOptions, 'signal'>;

	public constructor({ cacheTtlMs = 10 * 60_000, cacheMaxEntries = 500, now, ...options }: StreamResolverOptions = {}) {
		this.cache = new TtlCache({ ttlMs: cacheTtlMs, maxEntries: cacheMaxEntries, now });
		this.options = options;
	}

	/** The cached resolution of `url`, or a fresh one. Throws StreamResolveError. */
	public resolve(url: string): Promise<ResolvedStream> {
		const cached = this.cache.get(url);
		if (cached) return Promise.resolve(cached);
		let pending = this.inFlight.get(url);
		if (!pending) {
			pending = resolveStream(url, this.options)
				.then((stream) => {
					this.cache.set(url, stream);
					return stream;
				})
				.finally(() => this.inFlight.delete(url));
			this.inFlight.set(url, pending);
		}
		return pending;
	}

	/** Forgets a resolution, e.g. when the stream it gave stopped working. */
	public invalidate(url: string): void {
		this.cache.delete(url);
	}

	/** Drops expired entries; returns how many. */
	public sweep(): number {
		return this.cache.sweep();
	}
}
