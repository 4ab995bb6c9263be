import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLanguages, type I18nCheckReport } from '#lib/i18n/check/checkLanguages';
import { formatI18nReport } from '#lib/i18n/check/formatI18nReport';
import type { I18nIssue } from '#lib/i18n/check/I18nIssue';
import { languageDirectory } from '#lib/i18n/i18nOptions';
import { cleanTree, LanguageFixtures, strings, treeWith, type LanguageTree } from '../languageFixtures.js';

describe('i18n check (checkLanguages)', () => {
	const fixtures = new LanguageFixtures();
	after(() => fixtures.cleanup());

	const check = (tree: LanguageTree): I18nCheckReport => checkLanguages(fixtures.write(tree));
	const errors = (report: I18nCheckReport): I18nIssue[] => report.issues.filter((found) => found.severity === 'error');

	/** Exactly the errors `expected` (by rule and key), so a check that fires too often fails as well. */
	function expectErrors(tree: LanguageTree, expected: Partial<I18nIssue>[]): I18nIssue[] {
		const report = check(tree);
		const found = errors(report);
		expect(found, formatI18nReport(report)).to.have.lengthOf(expected.length);
		for (const wanted of expected)
			expect(
				found.some((issue) => matches(issue, wanted)),
				`${JSON.stringify(wanted)} in\n${formatI18nReport(report)}`
			).to.equal(true);
		expect(report.ok).to.equal(false);
		return found;
	}

	const matches = (issue: I18nIssue, wanted: Partial<I18nIssue>) =>
		Object.entries(wanted).every(([field, value]) => issue[field as keyof I18nIssue] === value);

	it('GIVEN the bundles shipped in languages/ WHEN checked THEN there is no error', () => {
		const report = checkLanguages(languageDirectory);
		expect(report.locales).to.include('en-US');
		expect(errors(report), formatI18nReport(report)).to.deep.equal([]);
		expect(report.ok).to.equal(true);
	});

	it('GIVEN a clean en-US and German bundle using every key convention WHEN checked THEN it passes', () => {
		const report = check(cleanTree());
		expect(report.issues, formatI18nReport(report)).to.deep.equal([]);
		expect(report.locales).to.deep.equal(['de', 'en-US']);
	});

	describe('folders and files', () => {
		it('GIVEN a folder "de-DE" WHEN checked THEN it is not a Discord locale and "de" is suggested', () => {
			const [found] = expectErrors(
				treeWith((tree) => {
					tree['de-DE'] = tree.de!;
					delete tree.de;
				}),
				[{ rule: 'locale-folder', locale: 'de-DE' }]
			);
			expect(found!.message).to.include('did you mean "de"');
		});

		it('GIVEN no en-US folder WHEN checked THEN that is an error', () => {
			expectErrors(
				treeWith((tree) => delete tree['en-US']),
				[{ rule: 'locale-folder', locale: 'en-US' }]
			);
		});

		it('GIVEN broken JSON and a number where a string belongs WHEN checked THEN both are errors', () => {
			expectErrors(
				treeWith((tree) => {
					tree.de!.errors = '{ "unexpected": "Etwas ist schiefgelaufen: `{{reference}}`.", }';
					strings(tree, 'de', 'commands/radio').retry = 3;
				}),
				[
					{ rule: 'invalid-json', locale: 'de', namespace: 'errors' },
					{ rule: 'invalid-value', locale: 'de', key: 'retry' },
					// The broken file's strings and the non-string are then missing too.
					{ rule: 'missing-key', locale: 'de', namespace: 'errors', key: undefined },
					{ rule: 'missing-key', locale: 'de', key: 'retry' }
				]
			);
		});

		it('GIVEN a stray file next to the language folders WHEN checked THEN it is a warning only', () => {
			const directory = fixtures.write(cleanTree());
			writeFileSync(join(directory, 'notes.txt'), 'todo');
			const report = checkLanguages(directory);
			expect(report.ok).to.equal(true);
			expect(report.issues).to.deep.equal([
				{ severity: 'warning', rule: 'stray-file', locale: 'notes.txt', message: '"notes.txt" is not a language folder; the bot ignores it.' }
			]);
		});
	});

	describe('keys', () => {
		it('GIVEN a German bundle without a key and without a whole file WHEN checked THEN each is missing', () => {
			expectErrors(
				treeWith((tree) => {
					delete strings(tree, 'de', 'commands/radio').playNowPlaying;
					delete tree.de!.errors;
				}),
				[
					{ rule: 'missing-key', locale: 'de', namespace: 'commands/radio', key: 'playNowPlaying' },
					{ rule: 'missing-key', locale: 'de', namespace: 'errors', key: undefined }
				]
			);
		});

		it('GIVEN a German key and file that en-US lacks WHEN checked THEN both are extra', () => {
			expectErrors(
				treeWith((tree) => {
					strings(tree, 'de', 'commands/radio').playNowPlayng = 'Tippfehler';
					tree.de!.stream = { unknown: 'unbekannt' };
				}),
				[
					{ rule: 'extra-key', locale: 'de', key: 'playNowPlayng' },
					{ rule: 'extra-key', locale: 'de', namespace: 'stream', key: undefined }
				]
			);
		});

		it('GIVEN an empty German string WHEN checked THEN it is an error (users would silently get English)', () => {
			expectErrors(
				treeWith((tree) => (strings(tree, 'de', 'commands/radio').stopButton = '  ')),
				[{ rule: 'invalid-value', locale: 'de', key: 'stopButton' }]
			);
		});
	});

	describe('plural forms', () => {
		const polish = (forms: Record<string, string>) =>
			treeWith((tree) => {
				tree.pl = structuredClone(tree.de!);
				const radio = strings(tree, 'pl', 'commands/radio');
				delete radio.listFooter_one;
				delete radio.listFooter_other;
				Object.assign(radio, forms);
			});

		it('GIVEN Polish with all four forms WHEN checked THEN it passes', () => {
			const report = check(
				polish({
					listFooter_one: 'Strona {{page}}/{{pages}} · {{count}} stacja',
					listFooter_few: 'Strona {{page}}/{{pages}} · {{count}} stacje',
					listFooter_many: 'Strona {{page}}/{{pages}} · {{count}} stacji',
					listFooter_other: 'Strona {{page}}/{{pages}} · {{count}} stacji'
				})
			);
			expect(errors(report), formatI18nReport(report)).to.deep.equal([]);
		});

		it('GIVEN Polish with only the English forms one and other WHEN checked THEN few and many are missing', () => {
			const found = expectErrors(
				polish({
					listFooter_one: 'Strona {{page}}/{{pages}} · {{count}} stacja',
					listFooter_other: 'Strona {{page}}/{{pages}} · {{count}} stacji'
				}),
				[
					{ rule: 'plural-forms', locale: 'pl', key: 'listFooter_few' },
					{ rule: 'plural-forms', locale: 'pl', key: 'listFooter_many' }
				]
			);
			expect(found[0]!.message).to.match(/counts like 2, 3, 4/);
		});

		it('GIVEN Japanese with a "one" form WHEN checked THEN that form is never used; with only "other" it passes', () => {
			const japanese = (forms: Record<string, string>) =>
				treeWith((tree) => {
					tree.ja = structuredClone(tree.de!);
					const radio = strings(tree, 'ja', 'commands/radio');
					delete radio.listFooter_one;
					delete radio.listFooter_other;
					Object.assign(radio, forms);
				});
			expectErrors(
				japanese({
					listFooter_one: '{{page}}/{{pages}} ページ · {{count}} 局',
					listFooter_other: '{{page}}/{{pages}} ページ · {{count}} 局'
				}),
				[{ rule: 'plural-forms', locale: 'ja', key: 'listFooter_one' }]
			);
			expect(errors(check(japanese({ listFooter_other: '{{page}}/{{pages}} ページ · {{count}} 局' })))).to.deep.equal([]);
		});

		it('GIVEN an optional "zero" form in German WHEN checked THEN it is accepted (i18next uses it for 0 in any language)', () => {
			const report = check(
				treeWith((tree) => (strings(tree, 'de', 'commands/radio').listFooter_zero = 'Seite {{page}}/{{pages}} · keine Sender'))
			);
			expect(errors(report), formatI18nReport(report)).to.deep.equal([]);
		});

		it('GIVEN a plural key written as a plain key, or a plain key with plural forms WHEN checked THEN both are reported', () => {
			expectErrors(
				treeWith((tree) => {
					const radio = strings(tree, 'de', 'commands/radio');
					radio.listFooter = 'Seite {{page}}/{{pages}} · {{count}} Sender';
					radio.retry_one = 'Nochmal';
				}),
				[
					{ rule: 'extra-key', locale: 'de', key: 'listFooter' },
					{ rule: 'extra-key', locale: 'de', key: 'retry_one' }
				]
			);
		});
	});

	describe('variables', () => {
		it('GIVEN a translated variable name WHEN checked THEN the missing and the unknown variable are named', () => {
			const [found] = expectErrors(
				treeWith((tree) => (strings(tree, 'de', 'commands/radio').playNowPlaying = 'Jetzt läuft **{{sender}}** in {{channel}}.')),
				[{ rule: 'variables', locale: 'de', key: 'playNowPlaying' }]
			);
			expect(found!.message).to.include('missing {{station}}').and.include('unknown {{sender}}');
		});

		it('GIVEN a plural form without {{count}} but a missing {{pages}} WHEN checked THEN only {{pages}} is reported', () => {
			const [found] = expectErrors(
				treeWith((tree) => (strings(tree, 'de', 'commands/radio').listFooter_one = 'Seite {{page}} · ein Sender')),
				[{ rule: 'variables', locale: 'de', key: 'listFooter_one' }]
			);
			expect(found!.message).to.include('missing {{pages}}').and.not.include('{{count}}');
		});

		it('GIVEN a $t() nesting en-US does not have WHEN checked THEN it is reported', () => {
			expectErrors(
				treeWith((tree) => (strings(tree, 'de', 'errors').unexpected = 'Fehler: `{{reference}}`. $t(commands/radio:retry)')),
				[{ rule: 'variables', locale: 'de', namespace: 'errors', key: 'unexpected' }]
			);
		});

		it('GIVEN an unescaped or formatted variable WHEN checked THEN it counts as the same variable', () => {
			const report = check(treeWith((tree) => (strings(tree, 'de', 'errors').unexpected = 'Etwas ist schiefgelaufen: `{{- reference}}`.')));
			expect(errors(report), formatI18nReport(report)).to.deep.equal([]);
		});
	});

	describe('command names and descriptions', () => {
		const withName = (name: string) => treeWith((tree) => (strings(tree, 'de', 'commands/radio').playName = name));

		for (const [name, reason] of [
			['Abspielen', 'lowercase'],
			['jetzt spielen', 'no spaces'],
			["l'écoute", 'apostrophe'],
			['a'.repeat(33), 'at most 32'],
			['abspielen!', 'only letters']
		] as const) {
			it(`GIVEN the German command name ${JSON.stringify(name)} WHEN checked THEN it is refused (${reason})`, () => {
				const [found] = expectErrors(withName(name), [{ rule: 'command-name', locale: 'de', key: 'playName' }]);
				expect(found!.message).to.include(reason);
			});
		}

		it('GIVEN an invalid name in en-US itself WHEN checked THEN it is refused there too', () => {
			expectErrors(
				treeWith((tree) => (strings(tree, 'en-US', 'commands/radio').playName = 'Play')),
				[{ rule: 'command-name', locale: 'en-US', key: 'playName' }]
			);
		});

		it('GIVEN a description of 101 characters or with a variable WHEN checked THEN it is refused', () => {
			expectErrors(
				treeWith((tree) => {
					strings(tree, 'de', 'commands/radio').playDescription = 'x'.repeat(101);
					strings(tree, 'de', 'commands/radio').radioDescription = 'Radio für {{server}}';
				}),
				[
					{ rule: 'length', locale: 'de', key: 'playDescription' },
					{ rule: 'variables', locale: 'de', key: 'radioDescription' },
					{
						rule: 'variables',
						locale: 'de',
						key: 'radioDescription',
						message: 'Variables differ from en-US: unknown {{server}} (typo or translated variable name?).'
					}
				]
			);
		});

		it('GIVEN two German subcommands translated alike, or a command named like another top-level one WHEN checked THEN they clash', () => {
			const [subcommands] = expectErrors(
				treeWith((tree) => {
					Object.assign(strings(tree, 'en-US', 'commands/radio'), { stopName: 'stop', stopDescription: 'Stop the radio' });
					Object.assign(strings(tree, 'de', 'commands/radio'), { stopName: 'abspielen', stopDescription: 'Radio anhalten' });
				}),
				[{ rule: 'command-name', locale: 'de', key: 'playName' }]
			);
			expect(subcommands!.message).to.equal(
				'commands/radio:playName, commands/radio:stopName are all "abspielen" here: options or subcommands of one command need different names.'
			);
			const [topLevel] = expectErrors(
				treeWith((tree) => {
					tree['en-US']!['commands/general'] = { helpName: 'help', helpDescription: 'What the bot can do' };
					tree.de!['commands/general'] = { helpName: 'radio', helpDescription: 'Was der Bot kann' };
				}),
				[{ rule: 'command-name', locale: 'de' }]
			);
			expect(topLevel!.message).to.include('top-level commands');
		});

		it('GIVEN a lone "…Name" key without its "…Description" WHEN checked THEN it is ordinary text, not a command name', () => {
			const report = check(
				treeWith((tree) => {
					strings(tree, 'en-US', 'commands/radio').stationName = 'Station name';
					strings(tree, 'de', 'commands/radio').stationName = 'Name des Senders';
				})
			);
			expect(errors(report), formatI18nReport(report)).to.deep.equal([]);
		});
	});

	describe("Discord's length limits by key convention", () => {
		for (const [key, max, label] of [
			['stopButton', 80, 'button label'],
			['retry', 80, 'button label'],
			['pickPlaceholder', 150, 'select menu placeholder'],
			['stationOption', 100, 'select option label'],
			['renameModalTitle', 45, 'modal title'],
			['listenersField', 256, 'embed field name'],
			['volumeLoudChoice', 100, 'choice name'],
			['playNowPlaying', 2000, 'message text']
		] as const) {
			it(`GIVEN a ${label} (${key}) of ${max + 1} characters WHEN checked THEN it is too long; ${max} pass`, () => {
				const padded = (length: number) => (key === 'playNowPlaying' ? `{{station}}{{channel}}${'x'.repeat(length)}` : 'x'.repeat(length));
				const [found] = expectErrors(
					treeWith((tree) => (strings(tree, 'de', 'commands/radio')[key] = padded(max + 1))),
					[{ rule: 'length', locale: 'de', key }]
				);
				expect(found!.message).to.include(label).and.include(`at most ${max}`);
				const atLimit = check(treeWith((tree) => (strings(tree, 'de', 'commands/radio')[key] = padded(max))));
				expect(errors(atLimit), formatI18nReport(atLimit)).to.deep.equal([]);
			});
		}
	});
});
