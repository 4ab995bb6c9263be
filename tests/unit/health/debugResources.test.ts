import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { createServer, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { readEnvironment } from '#lib/env';
import { createMetrics } from '#lib/health/metrics';
import { resourceCounts, type ResourceCounts } from '#lib/health/resourceCounts';
import { serverPort, startHealthServer } from '#lib/health/HealthServer';

const metrics = () => createMetrics({ guilds: () => 0, sessions: () => 0, pipelines: () => 0, ffmpegRestarts: () => 0 });
const source = (emitter = new EventEmitter()) => ({
	sessions: () => 2,
	pipelines: () => 1,
	voiceConnections: () => 2,
	wizards: () => 0,
	emitters: () => ({ voice: emitter })
});

/** An IPv4 address of this machine that is not loopback, if it has one. */
const outsideAddress = () =>
	Object.values(networkInterfaces())
		.flat()
		.find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

describe('/debug/resources', () => {
	const servers: Server[] = [];
	after(() => servers.forEach((server) => server.close()));

	async function start(debug?: () => unknown, host?: string): Promise<number> {
		const server = await startHealthServer({ port: 0, host, metrics: metrics(), isHealthy: () => true, debug });
		servers.push(server);
		return serverPort(server);
	}

	it('GIVEN HEALTH_DEBUG unset WHEN the path is requested THEN it does not exist, and only "on" turns it on', async () => {
		const port = await start();
		expect((await fetch(`http://127.0.0.1:${port}/debug/resources`)).status).to.equal(404);
		expect(readEnvironment({}).healthDebug).to.equal(false);
		expect(readEnvironment({ HEALTH_DEBUG: 'yes' }).healthDebug).to.equal(false);
		expect(readEnvironment({ HEALTH_DEBUG: ' ON ' }).healthDebug).to.equal(true);
	});

	it('GIVEN HEALTH_DEBUG on WHEN a loopback client asks THEN it gets the counts as JSON', async () => {
		const port = await start(() => resourceCounts(source()));
		const counts = (await (await fetch(`http://127.0.0.1:${port}/debug/resources`)).json()) as ResourceCounts;
		expect(counts).to.include({ sessions: 2, pipelines: 1, voiceConnections: 2, wizards: 0 });
		expect(counts.openFds).to.be.a('number');
		expect(counts.heapUsedBytes).to.be.above(0);
	});

	it('GIVEN HEALTH_DEBUG on and the server on every address WHEN a client from another address asks THEN 404', async function test(this: Mocha.Context) {
		const address = outsideAddress();
		if (!address) return this.skip();
		const port = await start(() => resourceCounts(source()), '0.0.0.0');
		expect((await fetch(`http://${address}:${port}/debug/resources`)).status).to.equal(404);
		expect((await fetch(`http://127.0.0.1:${port}/debug/resources`)).status).to.equal(200);
	});

	it('GIVEN a socket, a timer and a listener opened WHEN counted again THEN each count rose, and fell back once they closed', async () => {
		const emitter = new EventEmitter();
		const before = resourceCounts(source(emitter));
		const server = createServer().listen(0, '127.0.0.1');
		await new Promise((resolve) => server.once('listening', resolve));
		const client = await new Promise<Socket>((resolve) => {
			const socket = new Socket().connect(serverPort(server as unknown as Server), '127.0.0.1', () => resolve(socket));
		});
		const timer = setTimeout(() => undefined, 60_000);
		const listener = () => undefined;
		emitter.on('sessionEnded', listener);
		const during = resourceCounts(source(emitter));
		client.destroy();
		clearTimeout(timer);
		emitter.off('sessionEnded', listener);
		await new Promise((resolve) => server.close(resolve));
		await new Promise((resolve) => setImmediate(resolve));
		const after = resourceCounts(source(emitter));

		expect(during.sockets! - before.sockets!, 'sockets').to.be.at.least(2);
		// Other timers of the test process come and go (HTTP keep-alive): ours counts once.
		expect((during.activeResources.Timeout ?? 0) - (before.activeResources.Timeout ?? 0), 'timers').to.be.at.least(1);
		expect(during.listeners.voice! - before.listeners.voice!, 'listeners').to.equal(1);
		expect(after.sockets, 'sockets after').to.equal(before.sockets);
		expect(after.activeResources.Timeout ?? 0, 'timers after').to.be.below(during.activeResources.Timeout ?? 0);
		expect(after.listeners.voice, 'listeners after').to.equal(before.listeners.voice);
	});
});
