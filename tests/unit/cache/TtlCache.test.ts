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

	it('GIVEN maxEntries below 1, or maxWeight without weigh WHEN constructing THEN it is refused', () => {
		expect(() => new TtlCache({ ttlMs: 1, maxEntries: 0 })).to.throw(RangeError);
		expect(() => new TtlCache({ ttlMs: 1, maxEntries: 10, maxWeight: 100 })).to.throw(RangeError);
		expect(() => new TtlCache<string, string>({ ttlMs: 1, maxEntries: 10, weigh: (_, value) => value.length })).to.throw(RangeError);
	});

	describe('bounded by weight', () => {
		/** Weight = the string's length plus its key's. */
		const weighed = (maxWeight: number) =>
			new TtlCache<string, string>({ ttlMs: 100, maxEntries: 1_000, maxWeight, weigh: (key, value) => key.length + value.length, now: clock });

		it('GIVEN room for 30 units WHEN heavier entries arrive THEN least recently used ones go until the total fits, however few entries that leaves', () => {
			const cache = weighed(30);
			cache.set('a', 'x'.repeat(9)).set('b', 'x'.repeat(9)).set('c', 'x'.repeat(9));
			expect([cache.size, cache.weight]).to.deep.equal([3, 30]);
			cache.get('a');
			cache.set('d', 'x'.repeat(19));
			expect(['a', 'b', 'c', 'd'].map((key) => cache.has(key))).to.deep.equal([true, false, false, true]);
			expect(cache.weight).to.equal(30);
		});

		it('GIVEN an entry heavier than the whole budget WHEN set THEN it is not kept, nothing else is evicted for it, and an older value under its key is dropped', () => {
			const cache = weighed(30);
			cache.set('a', 'small').set('b', 'small');
			cache.set('a', 'x'.repeat(40));
			expect([cache.get('a'), cache.get('b'), cache.weight]).to.deep.equal([undefined, 'small', 6]);
		});

		it('GIVEN weighed entries WHEN replaced, deleted, expired, swept and cleared THEN the total weight follows exactly', () => {
			const cache = weighed(1_000);
			cache.set('a', '12345').set('b', '123');
			cache.set('a', '1');
			expect(cache.weight).to.equal(2 + 4);
			cache.delete('b');
			expect(cache.weight).to.equal(2);
			now += 100;
			expect([cache.get('a'), cache.weight]).to.deep.equal([undefined, 0]);
			cache.set('c', '12').set('d', '1234');
			now += 100;
			cache.set('e', '1');
			expect([cache.sweep(), cache.weight]).to.deep.equal([2, 2]);
			cache.clear();
			expect(cache.weight).to.equal(0);
		});
	});
});
