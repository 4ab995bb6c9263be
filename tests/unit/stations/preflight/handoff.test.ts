import { expect } from 'chai';
import type { Readable, Transform } from 'node:stream';
import type { Station } from '#lib/config/types';
import { readLimited } from '#lib/net/readLimited';
import { StationStreams } from '#lib/stations/StationStreams';
import { preflight } from '#lib/stations/preflight/preflight';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { sniffAudio } from '#lib/stations/resolve/sniffAudio';
import { openStationSource } from '#lib/voice/openStationSource';
import { IcyInterleaver } from '#support/icyMetadata';
import { TestStation } from '#support/TestStation';
import { deadUrl, makeAudioFixtures, RouteServer, type AudioFixtures } from '#support/streamFixtures';

describe('preflight hands its checked connection on (one connection from /radio play to the pipeline)', () => {
	let station: TestStation;
	let trusted: Station;

	before(async () => {
		station = await TestStation.start({ mounts: { '/one.mp3': { frequency: 440, metaint: 4_000 }, '/two.mp3': { frequency: 550 } } });
		trusted = { id: 'one', name: 'One', url: station.url('/one.mp3'), aliases: [], bitrate: 128, format: 'MP3', description: '' };
	});
	after(() => station.stop());

	const streams = () => new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), { timeoutMs: 5_000, userAgent: 'test' });

	it('GIVEN a station not yet resolved WHEN preflighted THEN one request resolves and checks it, and its connection comes back open from the first byte, with ICY metadata', async () => {
		const before = station.requests('/one.mp3').length;
		const result = await streams().preflight(trusted, { keepConnection: true });
		if (!result.ok) expect.fail(result.message);
		const connection = result.connection!;
		try {
			expect(station.requests('/one.mp3').length - before, 'requests').to.equal(1);
			expect(station.requests('/one.mp3').at(-1)!.headers['icy-metadata']).to.equal('1');
			expect(connection.headers['icy-metaint']).to.equal('4000');
			// The bytes the resolver and the check read were pushed back: a reader starts at the stream's first byte.
			const head = await readLimited(connection.body, 4_000, 5_000);
			expect(sniffAudio(head.data)).to.equal('mp3');
			expect(station.listeners('/one.mp3')).to.equal(1);
		} finally {
			connection.close();
		}
	});

	it('GIVEN a station already resolved (cached) WHEN preflighted again THEN its check opens the one connection that comes back', async () => {
		const shared = streams();
		const first = await shared.preflight(trusted, { keepConnection: true });
		if (first.ok) first.connection?.close();
		const before = station.requests('/one.mp3').length;
		const again = await shared.preflight(trusted, { keepConnection: true });
		if (!again.ok) expect.fail(again.message);
		again.connection?.close();
		expect(station.requests('/one.mp3').length - before).to.equal(1);
		expect(again.connection).to.not.equal(undefined);
	});

	it('GIVEN a preflight without keepConnection (as /station add checks a URL) WHEN done THEN its connection is closed, and a failed one returns none', async () => {
		const plain = await preflight(station.url('/two.mp3'), { timeoutMs: 5_000 });
		expect(plain.ok && plain.connection).to.equal(undefined);
		const checked = await streams().preflight({ ...trusted, id: 'two', url: station.url('/two.mp3') });
		expect(checked.ok && checked.connection).to.equal(undefined);
		const failed = await preflight(await deadUrl(), { timeoutMs: 5_000, keepConnection: true });
		expect(failed.ok).to.equal(false);
		// The mount's only listener went away with the closed check connection.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(station.listeners('/two.mp3')).to.equal(0);
	});

	describe('GIVEN servers with quirks: HTML unless the request looks like a player, no Content-Type, chunked ICY on HTTP/1.1', () => {
		let server: RouteServer;
		let fixtures: AudioFixtures;
		const quirky = (path: string): Station => ({ ...trusted, id: path.slice(1), url: server.url(path) });

		before(async () => {
			[server, fixtures] = await Promise.all([RouteServer.start(), makeAudioFixtures()]);
			server.route('/player-only', (request, response) => {
				if (request.headers['icy-metadata'] !== '1')
					return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Listen</html>');
				response.writeHead(200, { 'content-type': 'audio/mpeg' }).end(fixtures.mp3);
			});
			server.route('/chunked-icy', (_request, response) => {
				// No Content-Length and HTTP/1.1: Node sends it chunked. No Content-Type either.
				response.writeHead(200, { 'icy-metaint': '1000' });
				const icy = new IcyInterleaver(1_000, () => 'Motörhead - Ace of Spades', true);
				for (const part of icy.interleave(fixtures.mp3)) response.write(part);
				response.end();
			});
		});
		after(async () => {
			await server.stop();
			fixtures.remove();
		});

		it('WHEN a server answers HTML unless asked for ICY metadata THEN every request asks for it, so the preflight hears audio', async () => {
			const result = await streams().preflight(quirky('/player-only'), { keepConnection: true });
			if (!result.ok) expect.fail(result.message);
			result.connection?.close();
			expect(result.stream.container).to.equal('mp3');
		});

		it('WHEN chunked ICY without a Content-Type is played from the handed-on connection THEN the audio is MP3 and the title survives', async () => {
			const shared = streams();
			const station = quirky('/chunked-icy');
			const result = await shared.preflight(station, { keepConnection: true });
			if (!result.ok) expect.fail(result.message);
			const titles: string[] = [];
			const source = await openStationSource(await shared.input(station, false), result.connection, {
				userAgent: 'test',
				timeoutMs: 5_000,
				onTitle: (title) => titles.push(title)
			});
			let stream: Readable = source!.chain[0];
			for (const next of source!.chain.slice(1)) stream = stream.pipe(next as Transform);
			const audio: Buffer[] = [];
			for await (const chunk of stream as AsyncIterable<Buffer>) audio.push(chunk);
			expect(titles[0]).to.equal('Motörhead - Ace of Spades');
			// Every metadata block was taken out: what is left is the MP3 file, byte for byte.
			expect(Buffer.concat(audio).equals(fixtures.mp3)).to.equal(true);
		});
	});
});
