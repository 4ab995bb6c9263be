import { expect } from 'chai';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { TestStation } from '#support/TestStation';

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
});
