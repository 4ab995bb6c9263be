import { expect } from 'chai';
import type { Server } from 'node:http';
import { createMetrics } from '#lib/health/metrics';
import { serverPort, startHealthServer } from '#lib/health/HealthServer';

describe('HealthServer', () => {
	let healthy = false;
	let server: Server;
	let base: string;

	before(async () => {
		const metrics = createMetrics({ guilds: () => 3, sessions: () => 2, pipelines: () => 1, ffmpegRestarts: () => 4 });
		server = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, isHealthy: () => healthy });
		base = `http://127.0.0.1:${serverPort(server)}`;
	});

	after(() => server.close());

	it('GIVEN the bot is not connected WHEN /healthz is probed THEN it answers 503, and 200 once it is', async () => {
		expect((await fetch(`${base}/healthz`)).status).to.equal(503);
		healthy = true;
		expect((await fetch(`${base}/healthz`)).status).to.equal(200);
	});

	it('GIVEN live counts WHEN /metrics is scraped THEN it reports them in Prometheus format', async () => {
		const text = await (await fetch(`${base}/metrics`)).text();
		expect(text).to.match(/^alastor_voice_sessions 2$/m);
		expect(text).to.match(/^alastor_pipelines 1$/m);
		expect(text).to.match(/^alastor_ffmpeg_restarts 4$/m);
	});

	it('GIVEN an unknown path WHEN requested THEN 404', async () => {
		expect((await fetch(`${base}/nope`)).status).to.equal(404);
	});
});
