import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultHealthHost, readEnvironment } from '#lib/env';
import { createMetrics } from '#lib/health/metrics';
import { serverPort, startHealthServer } from '#lib/health/HealthServer';

/** Every `# TYPE name kind` line of a Prometheus text exposition. */
function declaredMetrics(text: string): { name: string; type: string }[] {
	return [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
}

describe('HealthServer', () => {
	let healthy = false;
	let ready = {
		ready: false,
		detail: {
			shards: [
				{ id: 0, status: 'Ready' },
				{ id: 1, status: 'Connecting' }
			],
			voice: true
		}
	};
	let restarts = 4;
	let server: Server;
	let base: string;

	before(async () => {
		const metrics = createMetrics({
			guilds: () => 3,
			sessions: () => 2,
			pipelines: () => 1,
			ffmpegRestarts: () => restarts,
			stationHealth: () => ({ up: 7, down: 2 })
		});
		server = await startHealthServer({ port: 0, metrics, isHealthy: () => healthy, readiness: () => Promise.resolve(ready) });
		base = `http://127.0.0.1:${serverPort(server)}`;
	});

	after(() => server.close());

	it('GIVEN no host is given WHEN the server starts THEN it listens on 127.0.0.1 only, as HEALTH_HOST does by default', () => {
		expect((server.address() as AddressInfo).address).to.equal('127.0.0.1');
		expect(readEnvironment({}).healthHost).to.equal(DefaultHealthHost).and.equal('127.0.0.1');
		expect(readEnvironment({ HEALTH_HOST: ' 0.0.0.0 ' }).healthHost).to.equal('0.0.0.0');
	});

	it('GIVEN the bot is not connected WHEN /healthz is probed THEN it answers 503, and 200 once it is', async () => {
		expect((await fetch(`${base}/healthz`)).status).to.equal(503);
		healthy = true;
		expect((await fetch(`${base}/healthz`)).status).to.equal(200);
	});

	it('GIVEN a shard still connecting WHEN /readyz is probed THEN it answers 503 naming each shard`s status, and 200 once all are ready', async () => {
		const notReady = await fetch(`${base}/readyz`);
		expect(notReady.status).to.equal(503);
		expect(await notReady.json()).to.deep.equal({ status: 'not ready', detail: ready.detail });
		ready = {
			ready: true,
			detail: {
				shards: [
					{ id: 0, status: 'Ready' },
					{ id: 1, status: 'Ready' }
				],
				voice: true
			}
		};
		const readyNow = await fetch(`${base}/readyz`);
		expect(readyNow.status).to.equal(200);
		expect(((await readyNow.json()) as { status: string }).status).to.equal('ready');
	});

	it('GIVEN live counts WHEN /metrics is scraped THEN it reports them in Prometheus format', async () => {
		const text = await (await fetch(`${base}/metrics`)).text();
		expect(text).to.match(/^alastor_voice_sessions 2$/m);
		expect(text).to.match(/^alastor_pipelines 1$/m);
		expect(text).to.match(/^alastor_ffmpeg_restarts_total \d+$/m);
		expect(text).to.match(/^alastor_stations\{health="up"\} 7$/m);
		expect(text).to.match(/^alastor_stations\{health="down"\} 2$/m);
	});

	it('GIVEN a scrape WHEN its metric names are read THEN every name is a valid Prometheus name, counters end in _total, and none says process_process', async () => {
		const declared = declaredMetrics(await (await fetch(`${base}/metrics`)).text());
		expect(declared.length).to.be.at.least(10);
		for (const { name, type } of declared) {
			expect(name, name).to.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
			expect(name, name).to.match(/^alastor_/);
			expect(name, name).to.not.include('process_process');
			if (type === 'counter') expect(name, name).to.match(/_total$/);
		}
		expect(declared).to.deep.include({ name: 'alastor_ffmpeg_restarts_total', type: 'counter' });
		expect(declared).to.deep.include({ name: 'alastor_process_cpu_seconds_total', type: 'counter' });
	});

	it('GIVEN ffmpeg restarts WHEN the source total rises, and later reads lower (a pipeline ended) THEN the counter follows the rise and never goes down', async () => {
		const scrape = async () => Number(/^alastor_ffmpeg_restarts_total (\d+)$/m.exec(await (await fetch(`${base}/metrics`)).text())![1]);
		restarts = 4;
		const before = await scrape();
		restarts = 9;
		expect(await scrape()).to.equal(before + 5);
		restarts = 2;
		expect(await scrape()).to.equal(before + 5);
	});

	it('GIVEN an unknown path WHEN requested THEN 404', async () => {
		expect((await fetch(`${base}/nope`)).status).to.equal(404);
	});
});
