import { expect } from 'chai';
import { pickLanguage } from '#lib/i18n/pickLanguage';

const shipped = new Set(['en-US', 'de', 'es-ES', 'ja']);

describe('pickLanguage', () => {
	it('GIVEN a shipped user locale WHEN picking THEN it wins over the server locale', () => {
		expect(pickLanguage(['de', 'ja'], shipped)).to.equal('de');
	});

	it('GIVEN a locale we do not ship but a sibling of the same language WHEN picking THEN the sibling is used', () => {
		expect(pickLanguage(['es-419'], shipped)).to.equal('es-ES');
		expect(pickLanguage(['en-GB'], shipped)).to.equal('en-US');
	});

	it('GIVEN only unknown or missing locales WHEN picking THEN the later candidates, then en-US, are used', () => {
		expect(pickLanguage([null, 'xx', 'ja'], shipped)).to.equal('ja');
		expect(pickLanguage([undefined, 'tlh'], shipped)).to.equal('en-US');
	});
});
