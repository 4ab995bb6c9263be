import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { preflight } from '#lib/stations/preflight/preflight';
import { resolveDefaults, resolveStream } from '#lib/stations/resolve/resolveStream';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { HostileServer } from '#support/HostileServer';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';
import { deadUrl, makeAudioFixtures, RouteServer, serveDirectory, type AudioFixtures } from '#support/streamFixtures';

describe('preflight', () => {
	let station: TestStation;
	let server: RouteServer;
	let fixtures: AudioFixtures;

	before(async () => {
		[station, server, fixtures] = await Promise.all([TestStation.start(), RouteServer.start(), makeAudioFixtures()]);
		serveDirectory(station, fixtures.hlsDirectory, '/hls/');
		// The same playlist with its segments missing.
		station.serve('/broken/audio.m3u8', {
			contentType: 'application/vnd.apple.mpegurl',
			body: readFileSync(join(fixtures.hlsDirectory, 'audio.m3u8'))
		});
	});
	after(async () => {
		await Promise.all([station.stop(), server.stop()]);
		fixtures.remove();
	});

	it('GIVEN the live test tone WHEN preflighting THEN audio arrives and the resolved stream is returned', async () => {
		const result = await preflight(station.url('/sine.mp3'), { timeoutMs: 10_000 });
		if (!result.ok) expect.fail(`preflight failed: ${result.message}`);
		expect([result.stream.url, result.stream.container]).to.deep.equal([station.url('/sine.mp3'), 'mp3']);
		expect(result.firstAudioMs).to.be.a('number').and.be.greaterThan(0);
	});

	it('GIVEN a .pls in front of the tone WHEN preflighting THEN the stream behind it is checked', async () => {
		station.serve('/radio.pls', {
			contentType: 'audio/x-scpls',
			body: `[playlist]\nFile1=${await deadUrl()}\nFile2=${station.url('/sine.mp3')}\n`
		});
		const result = await preflight(station.url('/radio.pls'));
		expect(result.ok && result.stream.url).to.equal(station.url('/sine.mp3'));
	});

	it('GIVEN a local HLS stream WHEN preflighting THEN its first segment is fetched and holds audio', async () => {
		const before = station.requests('/hls/seg000.ts').length;
		const result = await preflight(station.url('/hls/audio.m3u8'));
		expect(result.ok && result.stream.kind).to.equal('hls');
		expect(station.requests('/hls/seg000.ts').length - before).to.equal(1);
	});

	it('GIVEN an HLS playlist whose segments are missing WHEN preflighting THEN it fails with http-status', async () => {
		const result = await preflight(station.url('/broken/audio.m3u8'));
		expect(result.ok ? 'ok' : [result.reason, result.message]).to.deep.equal(['http-status', 'The server answered 404 Not Found.']);
	});

	it('GIVEN a server that answers headers and a few bytes, then stalls WHEN preflighting THEN it fails with timeout within the time limit', async () => {
		server.route('/stalls.mp3', (_request, response) => {
			response.writeHead(200, { 'content-type': 'audio/mpeg' });
			response.write(fixtures.mp3.subarray(0, 2048));
		});
		const result = await preflight(server.url('/stalls.mp3'), { timeoutMs: 1500 });
		expect(result.ok ? 'ok' : result.reason).to.equal('timeout');
	});

	it('GIVEN a stalled mount (no headers) WHEN preflighting THEN it fails with timeout', async () => {
		station.stall('/sine.mp3', true);
		try {
			const result = await preflight(station.url('/sine.mp3'), { timeoutMs: 1000 });
			expect(result.ok ? 'ok' : [result.reason, result.message]).to.deep.equal(['timeout', 'No audio arrived within 1000 ms.']);
		} finally {
			station.stall('/sine.mp3', false);
		}
	});

	it('GIVEN a cached resolution whose URL now serves a web page WHEN preflighting it THEN it fails with not-audio', async () => {
		station.serve('/was-audio.mp3', { contentType: 'audio/mpeg', body: fixtures.mp3 });
		const resolved = await resolveStream(station.url('/was-audio.mp3'));
		station.serve('/was-audio.mp3', { contentType: 'text/html', body: '<html>Maintenance</html>'.padEnd(9000, ' ') });
		const result = await preflight(resolved.url, { resolved });
		expect(result.ok ? 'ok' : result.reason).to.equal('not-audio');
	});

	it('GIVEN a playlist whose entries all fail WHEN preflighting THEN the result carries every entry failure', async () => {
		station.serve('/dead.m3u', { contentType: 'audio/x-mpegurl', body: `${await deadUrl()}\n/missing.mp3\n` });
		const result = await preflight(station.url('/dead.m3u'));
		expect(result.ok ? 'ok' : [result.reason, result.failures.map((failure) => failure.reason)]).to.deep.equal([
			'all-entries-failed',
			['unreachable', 'http-status']
		]);
	});

	it('GIVEN a custom resolver that hangs WHEN preflighting THEN the time limit still applies', async () => {
		const result = await preflight(station.url('/sine.mp3'), { timeoutMs: 300, resolve: () => new Promise(() => undefined) });
		expect(result.ok ? 'ok' : result.reason).to.equal('timeout');
	});

	it('GIVEN the caller aborts WHEN preflighting THEN the abort is thrown rather than reported as a stream problem', async () => {
		const controller = new AbortController();
		controller.abort(new Error('shutting down'));
		const error = await preflight(station.url('/sine.mp3'), { signal: controller.signal }).catch((caught: unknown) => caught);
		expect(error).to.be.instanceOf(Error).with.property('message', 'shutting down');
	});

	describe('GIVEN a hostile server', () => {
		let hostile: HostileServer;
		beforeEach(async () => {
			hostile = await HostileServer.start();
		});
		afterEach(() => hostile.stop());

		it('WHEN preflighting playlists that list playlists without end THEN it fails with too-many-requests within the budget of 20 requests', async () => {
			const result = await preflight(hostile.url('/fanhop/a.m3u'));
			expect([result.ok ? 'ok' : result.reason, hostile.requests]).to.deep.equal(['too-many-requests', resolveDefaults.maxRequests]);
		});

		it('WHEN a preflight through the shared resolver gives up on its deadline THEN the resolution it started stops too: its request is dropped and no further entry is tried', async () => {
			// Entries time out after 500 ms each; the preflight gives up at 750 ms, while the second entry is pending.
			const resolver = new StreamResolver({ timeoutMs: 500 });
			const result = await preflight(hostile.url('/hanglist.m3u'), { timeoutMs: 750, resolve: (url, signal) => resolver.resolve(url, signal) });
			expect(result.ok ? 'ok' : result.reason).to.equal('timeout');
			await waitFor(() => hostile.openConnections === 0, 'the hanging connection to be closed');
			const { requests } = hostile;
			// Had the resolution gone on, three more entries would be requested meanwhile.
			await sleep(1_500);
			expect(hostile.requests).to.equal(requests);
			expect(requests).to.be.within(2, 3);
		});

		it('WHEN the caller of a preflight aborts THEN no further request starts and the one in flight is dropped', async () => {
			const caller = new AbortController();
			const result = preflight(hostile.url('/hanglist.m3u'), { timeoutMs: 10_000, signal: caller.signal }).catch(
				(error: Error) => error.message
			);
			await waitFor(() => hostile.requested.includes('/hang/0.mp3'), 'the first entry to be requested', 5_000, 10);
			caller.abort(new Error('shutting down'));
			expect(await result).to.equal('shutting down');
			await waitFor(() => hostile.openConnections === 0, 'the hanging connection to be closed');
			await sleep(1_000);
			expect(hostile.requested).to.deep.equal(['/hanglist.m3u', '/hang/0.mp3']);
		});
	});
});
