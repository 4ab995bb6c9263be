import { EventEmitter } from 'node:events';
import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import type { HttpResponse } from '#lib/net/httpGet';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { PipelineBudget, type Admission, type CustomPipelineLimits } from '#lib/voice/PipelineBudget';
import { StationPipeline, type PipelineInput, type StationPipelineOptions } from '#lib/voice/StationPipeline';

export interface PipelinePoolOptions {
	/** Settings every station pipeline shares. */
	pipeline: Omit<StationPipelineOptions, 'log' | 'resolveInput'>;
	/** Where a station's audio comes from right now (playlists resolved, cached). */
	resolveInput(station: Station, fresh: boolean): Promise<PipelineInput>;
	/** How long a pipeline without listeners lives on, so a quick re-play does not restart ffmpeg. */
	pipelineGraceMs: number;
	/** Caps on pipelines of stations servers added (/station add). */
	customPipelines: CustomPipelineLimits;
	/** False gives every guild its own pipeline (the naive design, for `npm run bench -- listeners`); default true. */
	sharePipelines?: boolean;
	log: Log;
}

interface PipelinePoolEvents {
	/** A pipeline's retry budget is spent; it has stopped itself and left the pool. */
	dead: [pipeline: StationPipeline, reason: string];
	/** A pipeline's station announced a new song (already coalesced per pipeline). */
	title: [pipeline: StationPipeline, title: NowPlayingTitle];
}

/**
 * One pipeline per station and volume step: `lofi@100`, `lofi@50`. With a guild id (the unshared design that
 * `voice.share_pipelines: false` turns on for benchmarks), one per server as well: `lofi@100#123`.
 */
export function pipelineKey(stationId: string, volume: number, guildId?: string): string {
	return guildId === undefined ? `${stationId}@${volume}` : `${stationId}@${volume}#${guildId}`;
}

/**
 * The running ffmpeg pipelines, one per station and volume step, shared by every guild listening to it. A pipeline
 * nobody listens to lives on for its grace time (a quick re-play reuses it), then ends; pipelines of server-added stations
 * are admitted against their caps.
 */
export class PipelinePool extends EventEmitter<PipelinePoolEvents> {
	private readonly pipelines = new Map<string, StationPipeline>();
	private readonly graceTimers = new Map<string, NodeJS.Timeout>();
	private readonly budget: PipelineBudget;
	/** Restarts of pipelines that have ended, so the total never goes down. */
	private endedRestarts = 0;

	public constructor(private readonly options: PipelinePoolOptions) {
		super();
		this.budget = new PipelineBudget(options.customPipelines, options.log);
	}

	public get all(): readonly StationPipeline[] {
		return [...this.pipelines.values()];
	}

	/** ffmpeg restarts since the start of the process, ended pipelines included. */
	public get ffmpegRestarts(): number {
		return this.all.reduce((sum, pipeline) => sum + pipeline.restarts, this.endedRestarts);
	}

	/** The key of the pipeline `guildId` hears `stationId` at `volume` from: shared by every guild unless sharePipelines is false. */
	public keyOf(stationId: string, volume: number, guildId: string): string {
		return pipelineKey(stationId, volume, this.options.sharePipelines === false ? guildId : undefined);
	}

	public get(stationId: string, volume: number, guildId: string): StationPipeline | undefined {
		return this.pipelines.get(this.keyOf(stationId, volume, guildId));
	}

	public ofStation(stationId: string): StationPipeline[] {
		return this.all.filter((pipeline) => pipeline.stationId === stationId);
	}

	/** Whether `station` may play at `volume` now as far as the pipeline caps go; acquire checks the same. */
	public admission(station: Station, volume: number): Admission {
		return this.budget.check(station, pipelineKey(station.id, volume), this.pipelines.values());
	}

	/**
	 * The pipeline of `station` at `volume`, started if needed, with `guildId` listening; throws PipelineLimitError before
	 * starting anything. `connection` (the station's stream, opened by the preflight) is what a new pipeline plays from
	 * first; it is closed when the pipeline already runs or is refused.
	 */
	public acquire(station: Station, volume: number, guildId: string, connection?: HttpResponse): StationPipeline {
		const key = this.keyOf(station.id, volume, guildId);
		this.cancelGrace(key);
		let pipeline = this.pipelines.get(key);
		if (pipeline) connection?.close();
		else {
			try {
				// Idle pipelines may end early to make room.
				this.budget.admit(station, key, this.pipelines, (idle) => this.end(idle));
			} catch (error) {
				connection?.close();
				throw error;
			}
			pipeline = this.create(key, station, volume, connection);
		}
		pipeline.listeningGuilds.add(guildId);
		return pipeline;
	}

	/** `guildId` no longer listens; the last listener leaving starts the pipeline's grace time. */
	public release(pipeline: StationPipeline, guildId: string): void {
		pipeline.listeningGuilds.delete(guildId);
		if (pipeline.listeningGuilds.size > 0 || this.graceTimers.has(pipeline.key)) return;
		const timer = setTimeout(() => {
			this.graceTimers.delete(pipeline.key);
			if (pipeline.listeningGuilds.size > 0 || this.pipelines.get(pipeline.key) !== pipeline) return;
			this.forget(pipeline);
			void pipeline.stop();
		}, this.options.pipelineGraceMs);
		this.graceTimers.set(pipeline.key, timer);
	}

	/** Ends a pipeline now, grace period or not. */
	public end(pipeline: StationPipeline): void {
		this.cancelGrace(pipeline.key);
		this.forget(pipeline);
		void pipeline.stop();
	}

	/** Ends every pipeline; resolves once every ffmpeg is gone. */
	public async shutdown(): Promise<void> {
		for (const timer of this.graceTimers.values()) clearTimeout(timer);
		this.graceTimers.clear();
		await Promise.all(this.all.map((pipeline) => pipeline.stop()));
		this.pipelines.clear();
	}

	private create(key: string, station: Station, volume: number, connection?: HttpResponse): StationPipeline {
		const pipeline = new StationPipeline(key, station.id, volume, {
			...this.options.pipeline,
			resolveInput: (fresh) => this.options.resolveInput(station, fresh),
			log: this.options.log
		});
		pipeline.on('dead', (reason) => {
			if (this.pipelines.get(key) !== pipeline) return;
			// The pipeline has already stopped itself.
			this.forget(pipeline);
			this.emit('dead', pipeline, reason);
		});
		pipeline.on('title', (title) => this.emit('title', pipeline, title));
		this.pipelines.set(key, pipeline);
		this.budget.track(pipeline, station);
		pipeline.start(connection);
		return pipeline;
	}

	private cancelGrace(key: string): void {
		clearTimeout(this.graceTimers.get(key));
		this.graceTimers.delete(key);
	}

	private forget(pipeline: StationPipeline): void {
		if (this.pipelines.get(pipeline.key) !== pipeline) return;
		this.pipelines.delete(pipeline.key);
		this.endedRestarts += pipeline.restarts;
	}
}
