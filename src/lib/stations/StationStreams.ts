import type { Station } from '#lib/config/types';
import { strictAddressPolicy, type AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { networkGuard, type NetworkGuard } from '#lib/net/safety/NetworkGuard';
import type { HostResolver } from '#lib/net/safety/safeLookup';
import { preflight, type PreflightResult } from '#lib/stations/preflight/preflight';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import type { PipelineInput } from '#lib/voice/StationPipeline';

export interface StationStreamsOptions {
	timeoutMs: number;
	userAgent: string;
	/** Where user-provided (custom) stations may connect; default public addresses only. */
	addressPolicy?: AddressPolicy;
	/** Host name resolution for user-provided stations; default the system resolver (tests stub it). */
	resolveHost?: HostResolver;
}

/** A resolver and the network hooks every request for its stations goes through. */
interface StreamRoute {
	readonly resolver: StreamResolver;
	readonly guard: NetworkGuard | null;
}

/**
 * Stations' streams as playback needs them: checked before a join, resolved (cached) for the pipelines.
 *
 * Stations from config.yaml are the operator's and trusted (tests point them at 127.0.0.1). Custom stations (those
 * with a `guildId`) are user-provided: every request for them (first URL, each redirect, each playlist entry, the
 * preflight and the pipeline's own fetch) goes through the URL safety checks with pinned name resolution, their HLS is
 * read by the bot itself ('hls-piped': every playlist reload and segment is checked too; ffmpeg only sees a pipe), and
 * they have their own resolver so a cached trusted resolution of the same URL is never reused for them. Config stations'
 * HLS stays with ffmpeg's own HLS demuxer: trusted, and it handles what HlsStream refuses (encryption).
 */
export class StationStreams {
	private readonly trusted: StreamRoute;
	private readonly guarded: StreamRoute;

	public constructor(
		resolver: StreamResolver,
		private readonly options: StationStreamsOptions
	) {
		this.trusted = { resolver, guard: null };
		const guard = networkGuard(options.addressPolicy ?? strictAddressPolicy, options.resolveHost);
		this.guarded = {
			resolver: new StreamResolver({ userAgent: options.userAgent, timeoutMs: options.timeoutMs, ...guard }),
			guard
		};
	}

	/** Does the station send audio right now? Never throws for stream problems. */
	public async preflight(station: Station): Promise<PreflightResult> {
		const { resolver, guard } = this.route(station);
		const result = await preflight(station.url, {
			timeoutMs: this.options.timeoutMs,
			userAgent: this.options.userAgent,
			...guard,
			refuseEncryptedHls: guard !== null,
			resolve: (url, signal) => resolver.resolve(url, signal)
		});
		// A stale cached resolution must not keep a recovered station "down".
		if (!result.ok) resolver.invalidate(station.url);
		return result;
	}

	public async input(station: Station, fresh: boolean): Promise<PipelineInput> {
		const { resolver, guard } = this.route(station);
		if (fresh) resolver.invalidate(station.url);
		const { url, kind, container } = await resolver.resolve(station.url);
		return { url, kind: kind === 'hls' && guard ? 'hls-piped' : kind, container, ...guard };
	}

	/** Drops expired resolutions of both resolvers; returns how many. */
	public sweep(): number {
		return this.trusted.resolver.sweep() + this.guarded.resolver.sweep();
	}

	private route(station: Station): StreamRoute {
		return station.guildId === undefined ? this.trusted : this.guarded;
	}
}
