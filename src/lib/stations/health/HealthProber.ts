import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import type { StationHealth } from '#lib/stations/health/StationHealth';

export interface HealthProberOptions {
	readonly health: Pick<StationHealth, 'probe' | 'probedAt' | 'stateOf'>;
	/**
	 * Stations to watch: `urgent` ones every round (stations a failover replaced, waiting to be switched back to), then
	 * the catalog, least recently probed first. Stations that play are skipped: their pipeline tells.
	 */
	stations(): { urgent: readonly Station[]; all: readonly Station[] };
	isPlaying(stationId: string): boolean;
	/** About this long between rounds (from the end of one to the start of the next)… */
	intervalMs: number;
	/** …varied by up to this fraction either way, so many bots (or shards) never probe in step. Default 0.2. */
	jitter?: number;
	/** Probes running at once. */
	concurrency: number;
	/** Stations probed per round at most. */
	perRound: number;
	/** Default Math.random. */
	random?: () => number;
	log: Log;
}

/**
 * Probes stations nobody listens to on a jittered schedule, a few at a time and a bounded number per round, so the
 * station list and failover know which are on air without a request storm: a 10,000-station catalog costs `perRound`
 * preflights per interval, never more.
 */
export class HealthProber {
	private timer: NodeJS.Timeout | null = null;
	private running = false;
	private stopped = false;

	public constructor(private readonly options: HealthProberOptions) {}

	public start(): void {
		if (this.running) return;
		this.running = true;
		this.stopped = false;
		this.schedule();
	}

	public stop(): void {
		this.running = false;
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	/** The stations the next round probes, in order. */
	public pick(): Station[] {
		const { urgent, all } = this.options.stations();
		const chosen = new Map<string, Station>();
		const add = (station: Station) => {
			if (chosen.size < this.options.perRound && !chosen.has(station.id) && !this.options.isPlaying(station.id))
				chosen.set(station.id, station);
		};
		for (const station of urgent) add(station);
		// Never probed first, then oldest result first (a stable sort keeps catalog order among equals).
		const { health } = this.options;
		const byAge = [...all].sort((a, b) => health.probedAt(a.id) - health.probedAt(b.id));
		for (const station of byAge) {
			if (chosen.size >= this.options.perRound) break;
			add(station);
		}
		return [...chosen.values()];
	}

	/** One round: the picked stations, `concurrency` at a time. */
	public async round(): Promise<void> {
		const queue = this.pick();
		const worker = async () => {
			for (let station = queue.shift(); station && !this.stopped; station = queue.shift()) await this.options.health.probe(station);
		};
		await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
	}

	private schedule(): void {
		const { intervalMs, jitter = 0.2, random = Math.random } = this.options;
		const delay = Math.round(intervalMs * (1 - jitter + 2 * jitter * random()));
		this.timer = setTimeout(() => {
			void this.round()
				.catch((error: unknown) => this.options.log.error({ err: error }, 'station health round failed'))
				.finally(() => {
					if (this.running) this.schedule();
				});
		}, delay);
		this.timer.unref();
	}
}
