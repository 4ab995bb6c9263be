import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { HostileServer } from '#support/HostileServer';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';

describe('StreamResolver', () => {
	let station: TestStation;
	let now = 0;
	before(async () => {
		station = await TestStation.start();
		station.serve('/radio.pls', { contentType: 'audio/x-scpls', body: () => `[playlist]\nFile1=${station.url('/sine.mp3')}\n` });
	});
	after(() => station.stop());

	it('GIVEN concurrent and repeated resolutions of one URL WHEN within the TTL THEN the playlist is fetched once', async () => {
		const resolver = new StreamResolver({ cacheTtlMs: 1000, now: () => now });
		const results = await Promise.all(Array.from({ length: 5 }, () => resolver.resolve(station.url('/radio.pls'))));
		await resolver.resolve(station.url('/radio.pls'));
		expect(new Set(results.map((stream) => stream.url))).to.deep.equal(new Set([station.url('/sine.mp3')]));
		expect(station.requests('/radio.pls')).to.have.length(1);
	});

	it('GIVEN a cached resolution WHEN the TTL passes or it is invalidated THEN the URL is resolved again', async () => {
		const resolver = new StreamResolver({ cacheTtlMs: 1000, now: () => now });
		const before = station.requests('/radio.pls').length;
		await resolver.resolve(station.url('/radio.pls'));
		now += 1000;
		await resolver.resolve(station.url('/radio.pls'));
		resolver.invalidate(station.url('/radio.pls'));
		await resolver.resolve(station.url('/radio.pls'));
		expect(station.requests('/radio.pls').length - before).to.equal(3);
	});

	it('GIVEN a failing URL WHEN resolved twice THEN the failure is not cached', async () => {
		const resolver = new StreamResolver();
		for (let attempt = 0; attempt < 2; attempt++) {
			const error = await resolver.resolve(station.url('/missing.pls')).catch((caught: unknown) => caught);
			expect(error).to.be.instanceOf(StreamResolveError).with.property('reason', 'http-status');
		}
		expect(station.requests('/missing.pls')).to.have.length(2);
	});

	describe('GIVEN a playlist whose entries never answer', () => {
		let hostile: HostileServer;
		beforeEach(async () => {
			hostile = await HostileServer.start();
		});
		afterEach(() => hostile.stop());

		const givenUp = (promise: Promise<unknown>) =>
			promise.then(
				() => 'resolved',
				(error: Error) => error.message
			);

		it('WHEN one of two callers sharing the resolution gives up THEN the other still waits and the resolution goes on', async () => {
			const resolver = new StreamResolver({ timeoutMs: 300 });
			const first = new AbortController();
			const second = new AbortController();
			const firstResult = givenUp(resolver.resolve(hostile.url('/hanglist.m3u'), first.signal));
			const secondResult = givenUp(resolver.resolve(hostile.url('/hanglist.m3u'), second.signal));
			await waitFor(() => hostile.requested.includes('/hang/0.mp3'), 'the first entry to be requested', 5_000, 10);
			first.abort(new Error('first gave up'));
			expect(await firstResult).to.equal('first gave up');
			await waitFor(() => hostile.requested.includes('/hang/1.mp3'), 'the next entry to be tried for the second caller');
			second.abort(new Error('second gave up'));
			expect(await secondResult).to.equal('second gave up');
		});

		it('WHEN every caller gives up THEN the shared resolution stops: its request is dropped, no further entry is tried, and a new caller starts afresh', async () => {
			const resolver = new StreamResolver({ timeoutMs: 1_500 });
			const callers = [new AbortController(), new AbortController()];
			const results = callers.map((caller) => givenUp(resolver.resolve(hostile.url('/hanglist.m3u'), caller.signal)));
			await waitFor(() => hostile.requested.includes('/hang/0.mp3'), 'the first entry to be requested', 5_000, 10);
			for (const caller of callers) caller.abort(new Error('gave up'));
			expect(await Promise.all(results)).to.deep.equal(['gave up', 'gave up']);
			await waitFor(() => hostile.openConnections === 0, 'the hanging connection to be closed');
			// Had the resolution gone on, the next entry would be requested once the first timed out (1.5 s).
			await sleep(2_000);
			expect(hostile.requested).to.deep.equal(['/hanglist.m3u', '/hang/0.mp3']);

			const late = new AbortController();
			const lateResult = givenUp(resolver.resolve(hostile.url('/hanglist.m3u'), late.signal));
			await waitFor(() => hostile.requests === 4, 'a fresh resolution');
			late.abort(new Error('late gave up'));
			expect(await lateResult).to.equal('late gave up');
		});

		it('WHEN a caller without a signal shares the resolution THEN another caller giving up does not stop it', async () => {
			const resolver = new StreamResolver({ timeoutMs: 300, maxEntries: 2 });
			const caller = new AbortController();
			const patient = givenUp(resolver.resolve(hostile.url('/hanglist.m3u')));
			const impatient = givenUp(resolver.resolve(hostile.url('/hanglist.m3u'), caller.signal));
			await waitFor(() => hostile.requested.includes('/hang/0.mp3'), 'the first entry to be requested', 5_000, 10);
			caller.abort(new Error('gave up'));
			expect(await impatient).to.equal('gave up');
			expect(await patient).to.match(/None of the 2 streams/);
			expect(hostile.requested).to.deep.equal(['/hanglist.m3u', '/hang/0.mp3', '/hang/1.mp3']);
		});
	});
});
