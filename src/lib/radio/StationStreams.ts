import type { Station } from '#lib/config/types';
import { preflight, type PreflightResult } from '#lib/stations/preflight/preflight';
import type { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import type { PipelineInput } from '#lib/voice/StationPipeline';

export interface StationStreamsOptions {
	timeoutMs: number;
	userAgent: string;
}

/** Stations' streams as playback needs them: checked before a join, resolved (cached) for the pipelines. */
export class StationStreams {
	public constructor(
		private readonly resolver: StreamResolver,
		private readonly options: StationStreamsOptions
	) {}

	/** Does the station send audio right now? Never throws for stream problems. */
	public async preflight(station: Station): Promise<PreflightResult> {
		const result = await preflight(station.url, { ...this.options, resolve: (url) => this.resolver.resolve(url) });
		// A stale cached resolution must not keep a recovered station "down".
		if (!result.ok) this.resolver.invalidate(station.url);
		return result;
	}

	public async input(station: Station, fresh: boolean): Promise<PipelineInput> {
		if (fresh) this.resolver.invalidate(station.url);
		const { url, kind } = await this.resolver.resolve(station.url);
		return { url, kind };
	}
}
