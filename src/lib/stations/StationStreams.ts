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
 * preflight and the pipeline's own fetch) goes through the URL safety checks with pinned name resolution (every HLS
 * playlist reload and segment too), and they have their own resolver so a cached trusted resolution of the same URL is
 * never reused for them. HLS is read by the bot itself ('hls-piped': ffmpeg only sees a pipe, titles come from the
 * segments), except a config station's encrypted HLS, left to ffmpeg's own HLS demuxer, which can decrypt it.
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

	/**
	 * Does the station send audio right now? Never throws for stream problems. With `keepConnection`, a direct stream's
	 * checked connection comes back open (`connection`) for the pipeline to play from: the caller must hand it on or close it.
	 */
	public async preflight(station: Station, { keepConnection = false }: { keepConnection?: boolean } = {}): Promise<PreflightResult> {
		const { resolver, guard } = this.route(station);
		const result = await preflight(station.url, {
			timeoutMs: this.options.timeoutMs,
			userAgent: this.options.userAgent,
			...guard,
			refuseEncryptedHls: guard !== null,
			keepConnection,
			resolve: (url, signal) => resolver.resolveOpen(url, signal)
		});
		// A stale cached resolution must not keep a recovered station "down".
		if (!result.ok) resolver.invalidate(station.url);
		return result;
	}

	public async input(station: Station, fresh: boolean): Promise<PipelineInput> {
		const { resolver, guard } = this.route(station);
		if (fresh) resolver.invalidate(station.url);
		const { url, kind, container, encrypted } = await resolver.resolve(station.url);
		// The bot reads HLS itself (song titles from its segments; URL safety for custom stations), but for a trusted
		// station's encrypted HLS, which only ffmpeg can decrypt.
		const piped = kind === 'hls' && (guard !== null || !encrypted);
		return { url, kind: piped ? 'hls-piped' : kind, container, ...guard };
	}

	/** Drops expired resolutions of both resolvers; returns how many. */
	public sweep(): number {
		return this.trusted.resolver.sweep() + this.guarded.resolver.sweep();
	}

	private route(station: Station): StreamRoute {
		return station.guildId === undefined ? this.trusted : this.guarded;
	}
}
