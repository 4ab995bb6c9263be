import { EventEmitter } from 'node:events';
import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';

/** On air, off air, or not known (never probed, nobody listening). */
export type HealthState = 'up' | 'down' | 'unknown';

export interface StationHealthOptions {
	/** Checks a station now (StationStreams#preflight): whether audio arrives. Never throws for stream problems. */
	check(station: Station): Promise<boolean>;
	/** Whether a pipeline of the station runs right now: its listeners hear it, so it is up without a probe. */
	isPlaying(stationId: string): boolean;
	/** A failover trusts a probe this recent; an older one is probed again first. */
	freshForMs: number;
	log: Log;
}

interface HealthEvents {
	/** A probe finished (on every probe, not only on a change): the failback listens for recovered stations here. */
	probed: [stationId: string, up: boolean];
}

interface Result {
	readonly up: boolean;
	readonly at: number;
}

/**
 * What the bot knows of each station's health: a running pipeline is up; otherwise the last probe says. Results are
 * kept for stations that are probed (config.yaml stations: those the prober watches and fallbacks), so the map is
 * bounded by the catalog. Concurrent checks of one station share one probe.
 */
export class StationHealth extends EventEmitter<HealthEvents> {
	private readonly results = new Map<string, Result>();
	private readonly inFlight = new Map<string, Promise<boolean>>();

	public constructor(private readonly options: StationHealthOptions) {
		super();
	}

	public stateOf(stationId: string): HealthState {
		if (this.options.isPlaying(stationId)) return 'up';
		const result = this.results.get(stationId);
		return result ? (result.up ? 'up' : 'down') : 'unknown';
	}

	/** When the station was last probed (epoch ms), or 0. */
	public probedAt(stationId: string): number {
		return this.results.get(stationId)?.at ?? 0;
	}

	/** Stations known up and known down: what /metrics shows. */
	public counts(playing: readonly string[]): { up: number; down: number } {
		const up = new Set(playing);
		const down = new Set<string>();
		for (const [stationId, result] of this.results) if (!up.has(stationId)) (result.up ? up : down).add(stationId);
		return { up: up.size, down: down.size };
	}

	/** What playback learnt without a probe: a pipeline that gave up is down. */
	public report(stationId: string, up: boolean): void {
		this.results.set(stationId, { up, at: Date.now() });
	}

	/** config.yaml removed the station or changed its stream: what was learnt about the old one says nothing any more. */
	public forget(stationId: string): void {
		this.results.delete(stationId);
		this.inFlight.delete(stationId);
	}

	/** Probes the station now (sharing a probe already running for it) and remembers the result. */
	public probe(station: Station): Promise<boolean> {
		const running = this.inFlight.get(station.id);
		if (running) return running;
		const probe: Promise<boolean> = this.options
			.check(station)
			.catch((error: unknown) => {
				this.options.log.warn({ err: error, station: station.id }, 'station probe failed unexpectedly');
				return false;
			})
			.then((up) => {
				// Forgotten meanwhile: this probe checked a stream config.yaml no longer has.
				if (this.inFlight.get(station.id) !== probe) return up;
				const before = this.stateOf(station.id);
				this.report(station.id, up);
				if (before !== (up ? 'up' : 'down')) this.options.log.info({ station: station.id, up }, up ? 'station on air' : 'station off air');
				this.emit('probed', station.id, up);
				return up;
			})
			.finally(() => this.inFlight.get(station.id) === probe && this.inFlight.delete(station.id));
		this.inFlight.set(station.id, probe);
		return probe;
	}

	/** For a failover: up now (playing, or a fresh probe says so), else probed first. */
	public async isHealthy(station: Station): Promise<boolean> {
		if (this.options.isPlaying(station.id)) return true;
		const result = this.results.get(station.id);
		if (result && Date.now() - result.at < this.options.freshForMs) return result.up;
		return this.probe(station);
	}
}
