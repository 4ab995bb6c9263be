import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export interface MetricsSource {
	guilds(): number;
	sessions(): number;
	pipelines(): number;
	/** ffmpeg restarts since the process started, ended pipelines included: it never goes down. */
	ffmpegRestarts(): number;
	/** Stations known on air (playing, or a probe found them so) and off air. */
	stationHealth?(): { up: number; down: number };
}

/** Prometheus metrics, read from the live objects at scrape time so they cannot drift from the truth. */
export function createMetrics(source: MetricsSource): Registry {
	const registry = new Registry();
	// prom-client names its own metrics process_… and nodejs_…: the prefix only namespaces them (alastor_process_cpu_…).
	collectDefaultMetrics({ register: registry, prefix: 'alastor_' });
	const gauge = (name: string, help: string, read: () => number) =>
		new Gauge({
			name,
			help,
			registers: [registry],
			collect() {
				this.set(read());
			}
		});
	gauge('alastor_guilds', 'Servers the bot is in', () => source.guilds());
	gauge('alastor_voice_sessions', 'Servers listening right now', () => source.sessions());
	gauge('alastor_pipelines', 'Running station pipelines (one ffmpeg each)', () => source.pipelines());
	if (source.stationHealth) {
		new Gauge({
			name: 'alastor_stations',
			help: 'Stations by health: on air (playing, or a probe found them so) or off air; stations never checked are not counted',
			labelNames: ['health'],
			registers: [registry],
			collect() {
				const { up, down } = source.stationHealth!();
				this.set({ health: 'up' }, up);
				this.set({ health: 'down' }, down);
			}
		});
	}
	let counted = 0;
	new Counter({
		name: 'alastor_ffmpeg_restarts_total',
		help: 'ffmpeg restarts of station pipelines since the bot started',
		registers: [registry],
		collect() {
			// A counter only rises: add what happened since the last scrape.
			const total = source.ffmpegRestarts();
			if (total > counted) this.inc(total - counted);
			counted = Math.max(counted, total);
		}
	});
	return registry;
}
