import { expect } from 'chai';
import { totalCharacters, validateBulkCommands, validateCommand } from '#emulator/validation/commands';
import type { ValidationIssue } from '#emulator/validation/issues';

type Json = Record<string, any>;

/**
 * A /radio command with four string options of 25 choices each. Choice names are `defaultLength` characters by default;
 * `localized` gives, per locale, the length of that locale's choice names on the first `options` options.
 */
function bigCommand(defaultLength: number, localized: Record<string, { length: number; options: number }> = {}): Json {
	const options = Array.from({ length: 4 }, (_, optionIndex) => ({
		type: 3,
		name: `list${optionIndex}`,
		description: 'A list',
		choices: Array.from({ length: 25 }, (_, choiceIndex) => {
			const locales = Object.entries(localized).filter(([, { options: count }]) => optionIndex < count);
			return {
				name: `${choiceIndex}`.padEnd(defaultLength, 'c'),
				value: `v${choiceIndex}`,
				...(locales.length
					? { name_localizations: Object.fromEntries(locales.map(([locale, { length }]) => [locale, 'x'.repeat(length)])) }
					: {})
			};
		})
	}));
	return { name: 'radio', description: 'Internet radio', options };
}

const codes = (issues: ValidationIssue[]) => issues.map((found) => found.code);

describe('Emulator validation of localized commands', () => {
	describe('the 8,000-character limit, counted per locale', () => {
		it('GIVEN German choice names that push only German over 8,000 WHEN validated THEN APPLICATION_COMMAND_TOO_LARGE; the default alone is small', () => {
			const command = bigCommand(5, { de: { length: 100, options: 4 } });
			expect(totalCharacters(bigCommand(5))).to.be.below(1000);
			expect(totalCharacters(command)).to.be.above(10_000);
			expect(codes(validateCommand(command))).to.deep.equal(['APPLICATION_COMMAND_TOO_LARGE']);
		});

		it('GIVEN 31 locales each under 8,000 (together far over) WHEN validated THEN it is accepted: locales are not summed', () => {
			const locales = [
				'de',
				'fr',
				'ja',
				'ko',
				'pl',
				'ru',
				'uk',
				'vi',
				'tr',
				'cs',
				'el',
				'bg',
				'hi',
				'th',
				'zh-CN',
				'zh-TW',
				'id',
				'da',
				'en-GB',
				'es-ES',
				'es-419',
				'hr',
				'it',
				'lt',
				'hu',
				'nl',
				'no',
				'pt-BR',
				'ro',
				'fi',
				'sv-SE'
			];
			const command = bigCommand(5, Object.fromEntries(locales.map((locale) => [locale, { length: 70, options: 4 }])));
			expect(totalCharacters(command)).to.be.within(7000, 8000);
			expect(validateCommand(command)).to.deep.equal([]);
		});

		it('GIVEN Japanese localizing only half the choices WHEN counted THEN the default strings fill in for the rest and Japanese is over', () => {
			// Default: 4 × 25 × 60 = 6,000; Japanese's own strings: 2 × 25 × 100 = 5,000; Japanese as shown: 5,000 + 3,000 = 8,000 + the rest.
			const command = bigCommand(60, { ja: { length: 100, options: 2 } });
			expect(codes(validateCommand(command))).to.deep.equal(['APPLICATION_COMMAND_TOO_LARGE']);
			expect(validateCommand(bigCommand(60, { ja: { length: 90, options: 2 } }))).to.deep.equal([]);
		});
	});

	describe('name_localizations', () => {
		const command = (nameLocalizations: Json, optionLocalizations: Json[] = [{}, {}]) => ({
			name: 'radio',
			description: 'Internet radio',
			name_localizations: nameLocalizations,
			options: [
				{ type: 1, name: 'play', description: 'Play', name_localizations: optionLocalizations[0] },
				{ type: 1, name: 'stop', description: 'Stop', name_localizations: optionLocalizations[1] }
			]
		});

		it('GIVEN valid German, Japanese, Hindi and Thai names WHEN validated THEN they are accepted', () => {
			expect(
				validateCommand(command({ de: 'radio', ja: 'ラジオ', hi: 'रेडियो', th: 'วิทยุ' }, [{ de: 'abspielen' }, { de: 'stopp' }]))
			).to.deep.equal([]);
		});

		it('GIVEN a locale key Discord does not have WHEN validated THEN LOCALE_INVALID at that key', () => {
			const issues = validateCommand(command({ 'de-DE': 'radio' }));
			expect(issues.map((found) => [found.path.join('.'), found.code])).to.deep.include(['name_localizations.de-DE', 'LOCALE_INVALID']);
		});

		it('GIVEN an uppercase or spaced German name WHEN validated THEN APPLICATION_COMMAND_INVALID_NAME at that locale', () => {
			for (const name of ['Radio', 'mein radio']) {
				const issues = validateCommand(command({}, [{ de: name }, {}]));
				expect(
					issues.map((found) => [found.path.join('.'), found.code]),
					name
				).to.deep.include(['options.0.name_localizations.de', 'APPLICATION_COMMAND_INVALID_NAME']);
			}
		});

		it('GIVEN two subcommands with the same German name, or a German name equal to a sibling default name WHEN validated THEN they clash', () => {
			expect(codes(validateCommand(command({}, [{ de: 'los' }, { de: 'los' }])))).to.deep.equal([
				'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS'
			]);
			expect(codes(validateCommand(command({}, [{ de: 'stop' }, {}])))).to.deep.equal(['APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS']);
		});

		it('GIVEN two commands with the same Japanese name in a bulk overwrite WHEN validated THEN they clash', () => {
			const issues = validateBulkCommands([
				{ name: 'radio', description: 'Radio', name_localizations: { ja: 'ラジオ' } },
				{ name: 'station', description: 'Station', name_localizations: { ja: 'ラジオ' } }
			]);
			expect(issues.map((found) => [found.path.join('.'), found.code])).to.deep.equal([
				['1.name_localizations.ja', 'APPLICATION_COMMANDS_DUPLICATE_NAME']
			]);
		});
	});
});
