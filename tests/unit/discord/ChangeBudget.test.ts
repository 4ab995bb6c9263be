import { expect } from 'chai';
import { ChangeBudget } from '#lib/discord/ChangeBudget';

/** The playback budget the bot runs with by default (`limits.playback_changes`, `limits.playback_window_seconds`). */
const budget = new ChangeBudget({ changes: 5, windowMs: 30_000 });
const takePlaybackChange = (userId: string, now: number) => budget.take(userId, now);
const returnPlaybackChange = (userId: string) => budget.giveBack(userId);

describe('GIVEN the per-user playback budget of 5 changes per 30 s', () => {
	it('WHEN a user makes a sixth change THEN it is refused with a retry time at most 30 s away, and another user is unaffected', () => {
		const now = Date.now();
		const allowed = Array.from({ length: 5 }, () => takePlaybackChange('user-budget-a', now));
		expect(allowed).to.deep.equal([null, null, null, null, null]);

		const retryAt = takePlaybackChange('user-budget-a', now);
		expect(retryAt).to.be.instanceOf(Date);
		expect(retryAt!.getTime())
			.to.be.greaterThan(now)
			.and.at.most(now + 30_000);
		expect(takePlaybackChange('user-budget-b', now)).to.equal(null);
	});

	it('WHEN a change is given back after a wrong request THEN one more change is allowed, but never more than the budget', () => {
		const now = Date.now();
		for (let change = 0; change < 5; change++) takePlaybackChange('user-budget-c', now);
		returnPlaybackChange('user-budget-c');
		expect(takePlaybackChange('user-budget-c', now)).to.equal(null);
		expect(takePlaybackChange('user-budget-c', now)).to.be.instanceOf(Date);

		for (let refund = 0; refund < 10; refund++) returnPlaybackChange('user-budget-d');
		takePlaybackChange('user-budget-d', now);
		for (let refund = 0; refund < 10; refund++) returnPlaybackChange('user-budget-d');
		const allowed = Array.from({ length: 6 }, () => takePlaybackChange('user-budget-d', now));
		expect(allowed.filter((retryAt) => retryAt === null)).to.have.lengthOf(5);
	});
});
