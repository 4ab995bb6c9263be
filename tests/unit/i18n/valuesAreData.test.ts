import { InternationalizationHandler } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { i18nOptions } from '#lib/i18n/i18nOptions';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { LanguageFixtures } from './languageFixtures.js';

/** Option values built to make i18next interpolate or nest them (the shapes from issue #11). */
export const HostilePayloads = [
	'$t(greetings:hello)',
	'$t(greetings:hello, {"name": "$t(greetings:hello)"})',
	'$t(greetings:hello, {"lng": "de", "name": "x"})',
	'{{name}}',
	'{{- name}}',
	'{{query}}{{query}}{{query}}',
	`${'$t(greetings:echo)'.repeat(8)}`,
	'$t(greetings:echo, {"query": "$t(greetings:echo, {\\"query\\": \\"$t(greetings:echo)\\"})"})'
];

describe('Interpolated values are data, never markup (the bot’s i18next options as the Sapphire plugin applies them)', () => {
	const fixtures = new LanguageFixtures();
	let handler: InternationalizationHandler;

	before(async () => {
		const directory = fixtures.write({
			'en-US': { greetings: { hello: 'Hello {{name}}', echo: 'Search “{{query}}”' } },
			de: { greetings: { hello: 'Hallo {{name}}', echo: 'Suche „{{query}}“' } }
		});
		handler = new InternationalizationHandler(i18nOptions(() => null, directory));
		await handler.init();
	});
	after(() => fixtures.cleanup());

	for (const payload of HostilePayloads) {
		it(`GIVEN the value ${JSON.stringify(payload)} WHEN interpolated THEN it appears literally, once`, () => {
			expect(handler.getT('en-US')('greetings:echo', { query: payload })).to.equal(`Search “${payload}”`);
			// resolveKey() goes through format(); it must behave the same.
			expect(handler.format('de', 'greetings:echo', undefined, { query: payload })).to.equal(`Suche „${payload}“`);
		});
	}

	it('GIVEN the shipped bundles WHEN a search text that nests keys is shown THEN the reply shows it literally', async () => {
		const shipped = new InternationalizationHandler(i18nOptions(() => null));
		await shipped.init();
		const payload = '$t(commands/radio:listTitleSearch, {"query": "$t(commands/radio:listTitleSearch)"})';
		const text = translate(shipped.getT('en-US'), Radio.ListTitleSearch, { query: payload });
		expect(text).to.include(payload);
		expect(text.split('Stations matching')).to.have.length(2);
	});
});
