import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export interface MetricsSource {
	guilds(): number;
	sessions(): number;
	pipelines(): number;
	ffmpegRestarts(): number;
}

/** Prometheus metrics, read from the live objects at scrape time so they cannot drift from the truth. */
export function createMetrics(source: MetricsSource): Registry {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'alastor_process_' });
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
	gauge('alastor_ffmpeg_restarts', 'ffmpeg restarts of the running pipelines', () => source.ffmpegRestarts());
	return registry;
}
