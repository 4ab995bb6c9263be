import { expect } from 'chai';
import { mock } from 'node:test';
import { KeyedThrottle } from '#lib/timing/KeyedThrottle';

describe('KeyedThrottle', () => {
	beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
	afterEach(() => mock.timers.reset());

	const recorder = () => {
		const delivered: [string, number][] = [];
		return { delivered, throttle: new KeyedThrottle<number>(1_000, (key, value) => delivered.push([key, value])) };
	};

	it('GIVEN a quiet key WHEN a value comes THEN it is delivered at once', () => {
		const { delivered, throttle } = recorder();
		throttle.push('a', 1);
		expect(delivered).to.deep.equal([['a', 1]]);
	});

	it('GIVEN 100 values within one interval WHEN the interval ends THEN only the first and the latest were delivered', () => {
		const { delivered, throttle } = recorder();
		for (let value = 1; value <= 100; value++) throttle.push('a', value);
		mock.timers.tick(1_000);
		expect(delivered).to.deep.equal([
			['a', 1],
			['a', 100]
		]);
	});

	it('GIVEN a value every 10 ms for 30 s WHEN throttled per second THEN about one delivery per second goes out, the last value last', () => {
		const { delivered, throttle } = recorder();
		for (let elapsed = 0, value = 0; elapsed < 30_000; elapsed += 10) {
			throttle.push('a', ++value);
			mock.timers.tick(10);
		}
		mock.timers.tick(1_000);
		expect(delivered.length).to.be.within(30, 32);
		expect(delivered.at(-1)).to.deep.equal(['a', 3_000]);
	});

	it('GIVEN two keys WHEN both change THEN each has its own interval', () => {
		const { delivered, throttle } = recorder();
		throttle.push('a', 1);
		throttle.push('b', 2);
		throttle.push('a', 3);
		expect(delivered).to.deep.equal([
			['a', 1],
			['b', 2]
		]);
		mock.timers.tick(1_000);
		expect(delivered).to.deep.equal([
			['a', 1],
			['b', 2],
			['a', 3]
		]);
	});

	it('GIVEN a pending value WHEN the key is cancelled THEN it is never delivered and the next value goes at once', () => {
		const { delivered, throttle } = recorder();
		throttle.push('a', 1);
		throttle.push('a', 2);
		throttle.cancel('a');
		mock.timers.tick(5_000);
		throttle.push('a', 3);
		expect(delivered).to.deep.equal([
			['a', 1],
			['a', 3]
		]);
		expect(throttle.size).to.equal(1);
	});

	it('GIVEN a key that went quiet WHEN its interval passes THEN it holds no timer any more', () => {
		const { throttle } = recorder();
		throttle.push('a', 1);
		mock.timers.tick(1_000);
		expect(throttle.size).to.equal(0);
	});
});
