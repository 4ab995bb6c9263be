import { expect } from 'chai';
import { backoffDelay } from '#lib/timing/backoff';

const policy = { baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 6 };

describe('backoffDelay', () => {
	it('GIVEN growing attempts WHEN the jitter is at its extremes THEN delays lie between half and all of a doubling ceiling', () => {
		expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 0))).to.deep.equal([500, 1_000, 2_000, 4_000]);
		expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 1))).to.deep.equal([1_000, 2_000, 4_000, 8_000]);
	});

	it('GIVEN many attempts WHEN delayed THEN the delay never exceeds the maximum', () => {
		expect(backoffDelay(20, policy, () => 1)).to.equal(30_000);
	});
});
