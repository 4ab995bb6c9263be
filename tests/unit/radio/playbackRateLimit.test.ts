import { expect } from 'chai';
import { takePlaybackChange } from '#lib/radio/playbackRateLimit';

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
});
