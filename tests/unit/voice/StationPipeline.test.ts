import { expect } from 'chai';
import { once } from 'node:events';
import { mock } from 'node:test';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { resolveFfmpeg } from '#lib/ffmpeg/resolveFfmpeg';
import { StationPipeline } from '#lib/voice/StationPipeline';
import { processesWithMarker } from '#support/processes';
import { waitFor } from '#support/waitFor';

describe('StationPipeline', () => {
	let server: Server;
	let requests = 0;
	const open = new Set<ServerResponse>();
	let pipeline: StationPipeline | undefined;

	before(async () => {
		server = createServer((_, response) => {
			requests++;
			open.add(response);
			// Over the 256 KiB the demuxer accepts: a hostile (or broken) station.
			response.writeHead(200, { 'content-type': 'audio/mpeg', 'icy-metaint': '300000' });
			const timer = setInterval(() => response.write(Buffer.alloc(4096)), 100);
			response.on('close', () => {
				clearInterval(timer);
				open.delete(response);
			});
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
	});

	after(async () => {
		await pipeline?.stop();
		for (const response of open) response.destroy();
		server.close();
	});

	it('GIVEN a station answering with an icy-metaint the demuxer refuses WHEN the pipeline starts THEN each run fails, is retried, and the station is reported dead with the reason', async () => {
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
		pipeline = new StationPipeline('bad-metaint@100', 'bad-metaint', 100, {
			ffmpegPath: resolveFfmpeg().path,
			userAgent: 'Alastor tests',
			bitrateKbps: 64,
			resolveInput: () => Promise.resolve({ url, kind: 'direct' }),
			restart: { baseDelayMs: 50, maxDelayMs: 100, maxAttempts: 2 },
			stallTimeoutMs: 1_000,
			healthyAfterMs: 60_000,
			connectTimeoutMs: 2_000,
			log: pino({ level: 'silent' })
		});
		const dead = once(pipeline, 'dead') as Promise<[string]>;
		pipeline.start();

		const [reason] = await dead;

		expect(reason).to.include('icy-metaint');
		expect(requests).to.be.at.least(2);
		expect(processesWithMarker('alastor-station=bad-metaint'), 'no ffmpeg was left running').to.deep.equal([]);
		await waitFor(() => open.size === 0 || null, 'every connection to the station to be closed', 5_000);
	});
});

describe('StationPipeline titles', () => {
	beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
	afterEach(() => mock.timers.reset());

	it('GIVEN a station that changes its title 50 times a second WHEN the pipeline reads them THEN its listeners hear of one per interval, the latest last', async () => {
		const pipeline = new StationPipeline('flood@100', 'flood', 100, {
			ffmpegPath: 'ffmpeg',
			userAgent: 'Alastor tests',
			bitrateKbps: 64,
			resolveInput: () => Promise.reject(new Error('not started in this test')),
			restart: { baseDelayMs: 50, maxDelayMs: 100, maxAttempts: 2 },
			stallTimeoutMs: 1_000,
			healthyAfterMs: 60_000,
			connectTimeoutMs: 2_000,
			titleIntervalMs: 2_000,
			log: pino({ level: 'silent' })
		});
		const announced: string[] = [];
		pipeline.on('title', (title) => announced.push(title.title));
		for (let index = 1; index <= 500; index++) {
			pipeline.nowPlaying.update(`Song ${index}`, 'icy');
			mock.timers.tick(20);
		}
		mock.timers.tick(2_000);

		expect(pipeline.nowPlaying.current?.title, '/radio info always reads the newest').to.equal('Song 500');
		expect(announced.length).to.be.within(5, 7);
		expect(announced.at(-1)).to.equal('Song 500');
		await pipeline.stop();
	});
});
