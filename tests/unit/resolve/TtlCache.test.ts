import { expect } from 'chai';
import { TtlCache } from '#lib/cache/TtlCache';

describe('TtlCache', () => {
	let now: number;
	const clock = () => now;
	beforeEach(() => {
		now = 1_000;
	});

	it('GIVEN a value WHEN read before and at its TTL THEN it is there, then gone', () => {
		const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 10, now: clock });
		cache.set('a', 1);
		now += 99;
		expect([cache.get('a'), cache.has('a')]).to.deep.equal([1, true]);
		now += 1;
		expect([cache.get('a'), cache.has('a'), cache.size]).to.deep.equal([undefined, false, 0]);
	});

	it('GIVEN a per-entry TTL WHEN set THEN it overrides the default', () => {
		const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 10, now: clock });
		cache.set('short', 1, 10).set('long', 2);
		now += 50;
		expect([cache.get('short'), cache.get('long')]).to.deep.equal([undefined, 2]);
	});

	it('GIVEN a full cache WHEN adding THEN the least recently used entry is evicted', () => {
		const cache = new TtlCache<string, number>({ ttlMs: 1000, maxEntries: 3, now: clock });
		cache.set('a', 1).set('b', 2).set('c', 3);
		cache.get('a');
		cache.set('d', 4);
		expect(['a', 'b', 'c', 'd'].map((key) => cache.has(key))).to.deep.equal([true, false, true, true]);
		cache.set('c', 30);
		cache.set('e', 5);
		expect(['a', 'c', 'd', 'e'].map((key) => cache.get(key))).to.deep.equal([undefined, 30, 4, 5]);
	});

	it('GIVEN expired and live entries WHEN sweeping THEN only the expired ones are dropped and counted', () => {
		const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 10, now: clock });
		cache.set('old1', 1).set('old2', 2);
		now += 60;
		cache.set('new', 3);
		now += 50;
		expect(cache.sweep()).to.equal(2);
		expect([cache.size, cache.get('new')]).to.deep.equal([1, 3]);
	});

	it('GIVEN entries WHEN deleting and clearing THEN they are gone', () => {
		const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 10, now: clock });
		cache.set('a', 1).set('b', 2);
		expect([cache.delete('a'), cache.delete('a'), cache.has('a')]).to.deep.equal([true, false, false]);
		cache.clear();
		expect(cache.size).to.equal(0);
	});

	it('GIVEN maxEntries below 1 WHEN constructing THEN it is refused', () => {
		expect(() => new TtlCache({ ttlMs: 1, maxEntries: 0 })).to.throw(RangeError);
	});
});
