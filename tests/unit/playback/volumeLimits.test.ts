import { expect } from 'chai';
import { parseVolumeLimits } from '#lib/playback/volume';

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

describe('parseVolumeLimits on volume steps', () => {
	const limits = (min: string, defaultVolume: string, max: string) => parseVolumeLimits({ min, default: defaultVolume, max });

	it('GIVEN limits between 5 % steps WHEN parsed THEN min rounds up, max down and the default to the nearest step', () => {
		expect(limits('7', '33', '93')).to.deep.equal({ ok: true, limits: { min: 10, default: 35, max: 90 } });
		expect(limits('1', '102', '199')).to.deep.equal({ ok: true, limits: { min: 5, default: 100, max: 195 } });
	});

	it('GIVEN a default that would round past a rounded limit WHEN parsed THEN it stays between min and max', () => {
		expect(limits('21', '22', '150')).to.deep.equal({ ok: true, limits: { min: 25, default: 25, max: 150 } });
		expect(limits('0', '149', '149')).to.deep.equal({ ok: true, limits: { min: 0, default: 145, max: 145 } });
	});

	it('GIVEN a range too narrow to hold a step WHEN parsed THEN all three become the step nearest the default', () => {
		expect(limits('6', '8', '9')).to.deep.equal({ ok: true, limits: { min: 10, default: 10, max: 10 } });
		expect(limits('11', '12', '14')).to.deep.equal({ ok: true, limits: { min: 10, default: 10, max: 10 } });
	});
});
