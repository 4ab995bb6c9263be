import { expect } from 'chai';
import { parseVolumeLimits } from '#lib/setup-wizard/volumeLimits';

describe('parseVolumeLimits', () => {
	it('GIVEN whole numbers in order within 0–200 WHEN parsed THEN they become the limits', () => {
		expect(parseVolumeLimits({ min: '0', default: '100', max: '200' })).to.deep.equal({ ok: true, limits: { min: 0, default: 100, max: 200 } });
		expect(parseVolumeLimits({ min: ' 20 ', default: '20%', max: '20' })).to.deep.equal({ ok: true, limits: { min: 20, default: 20, max: 20 } });
	});

	it('GIVEN a value that is not a whole number from 0 to 200 WHEN parsed THEN it is refused as such', () => {
		for (const bad of ['', 'ten', '1.5', '-5', '201', '1e2', '0x10', '1000']) {
			expect(parseVolumeLimits({ min: '10', default: bad, max: '150' }), `default ${JSON.stringify(bad)}`).to.deep.equal({
				ok: false,
				problem: 'notWholeNumber'
			});
		}
	});

	it('GIVEN min above default or default above max WHEN parsed THEN the order is refused', () => {
		expect(parseVolumeLimits({ min: '120', default: '100', max: '150' })).to.deep.equal({ ok: false, problem: 'wrongOrder' });
		expect(parseVolumeLimits({ min: '10', default: '160', max: '150' })).to.deep.equal({ ok: false, problem: 'wrongOrder' });
	});
});
