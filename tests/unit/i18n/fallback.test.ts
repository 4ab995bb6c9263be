import { InternationalizationHandler } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { i18nOptions } from '#lib/i18n/i18nOptions';
import { LanguageFixtures } from './languageFixtures.js';

describe('Missing translations fall back to en-US (the bot’s i18next options)', () => {
	const fixtures = new LanguageFixtures();
	let handler: InternationalizationHandler;

	before(async () => {
		const directory = fixtures.write({
			'en-US': { greetings: { hello: 'Hello {{name}}', bye: 'Bye', stations_one: '{{count}} station', stations_other: '{{count}} stations' } },
			// German lacks "stations" and has an empty "bye"; Japanese has only the "other" form its language uses.
			de: { greetings: { hello: 'Hallo {{name}}', bye: '' } },
			ja: { greetings: { hello: 'こんにちは、{{name}}さん', bye: 'さようなら', stations_other: '{{count}} 局' } }
		});
		handler = new InternationalizationHandler(i18nOptions(() => null, directory));
		await handler.init();
	});
	after(() => fixtures.cleanup());

	it('GIVEN a key German lacks WHEN translated to German THEN the English text comes back, never the key', () => {
		const german = handler.getT('de');
		expect(german('greetings:stations', { count: 2 })).to.equal('2 stations');
		// format() is what resolveKey() calls; it passes an empty default value that must not win over en-US.
		expect(handler.format('de', 'greetings:stations', undefined, { count: 1 })).to.equal('1 station');
	});

	it('GIVEN an empty German string WHEN translated THEN the English text comes back', () => {
		expect(handler.getT('de')('greetings:bye')).to.equal('Bye');
	});

	it('GIVEN a German key WHEN translated THEN German is used with its variables', () => {
		expect(handler.getT('de')('greetings:hello', { name: 'Alice' })).to.equal('Hallo Alice');
	});

	it('GIVEN Japanese with only the "other" form WHEN counting 1 THEN the Japanese form is used, not English "one"', () => {
		expect(handler.getT('ja')('greetings:stations', { count: 1 })).to.equal('1 局');
	});
});
