import { DiscordLocales, isDiscordLocale } from '#lib/i18n/discordLocales';
import type { I18nIssue } from './I18nIssue.js';
import { kindOf, StringKinds } from './keyConventions.js';
import { loadLanguages, type LanguageBundle, type Namespace } from './loadLanguages.js';
import { exampleCounts, isOptionalPluralCategory, pluralCategoriesOf, splitPluralKey, type PluralCategory } from './plurals.js';
import { hasPlaceholders, interpolationVariables, literalLength, nestedKeys } from './variables.js';

export const ReferenceLocale = 'en-US';

export interface I18nCheckReport {
	readonly directory: string;
	readonly reference: string;
	/** Every language folder found, sorted. */
	readonly locales: readonly string[];
	readonly issues: readonly I18nIssue[];
	readonly errors: number;
	readonly warnings: number;
	/** No errors: the bundles can ship. */
	readonly ok: boolean;
}

/** Checks every `languages/<locale>/` bundle against en-US and against Discord's limits. */
export function checkLanguages(directory: string): I18nCheckReport {
	const { bundles, issues: loadIssues } = loadLanguages(directory);
	const issues = [...loadIssues, ...checkBundles(bundles)];
	const errors = issues.filter((found) => found.severity === 'error').length;
	return {
		directory,
		reference: ReferenceLocale,
		locales: [...bundles.keys()].sort(),
		issues,
		errors,
		warnings: issues.length - errors,
		ok: errors === 0
	};
}

export function checkBundles(bundles: ReadonlyMap<string, LanguageBundle>): I18nIssue[] {
	const issues: I18nIssue[] = [];
	for (const locale of bundles.keys()) {
		if (!isDiscordLocale(locale)) issues.push({ severity: 'error', rule: 'locale-folder', locale, message: localeFolderMessage(locale) });
	}
	const reference = bundles.get(ReferenceLocale);
	if (!reference) {
		issues.push({
			severity: 'error',
			rule: 'locale-folder',
			locale: ReferenceLocale,
			message: `There is no ${ReferenceLocale} folder: it is the reference every language is checked against and falls back to.`
		});
		return issues;
	}
	for (const bundle of bundles.values()) {
		if (!isDiscordLocale(bundle.locale)) continue;
		issues.push(...compareWithReference(bundle, reference), ...checkLimits(bundle, reference));
	}
	return issues;
}

/** One logical string: a plain key, or a plural key with its forms. */
interface Entry {
	plain?: string;
	forms: Map<PluralCategory, string>;
}

function entriesOf(namespace: Namespace): Map<string, Entry> {
	const entries = new Map<string, Entry>();
	const entry = (base: string) => entries.get(base) ?? entries.set(base, { forms: new Map() }).get(base)!;
	for (const [key, text] of namespace) {
		const plural = splitPluralKey(key);
		if (plural) entry(plural.base).forms.set(plural.category, text);
		else entry(key).plain = text;
	}
	return entries;
}

function compareWithReference(bundle: LanguageBundle, reference: LanguageBundle): I18nIssue[] {
	const issues: I18nIssue[] = [];
	const { locale } = bundle;
	const required = pluralCategoriesOf(locale);
	const report = (rule: I18nIssue['rule'], namespace: string, key: string | undefined, message: string) =>
		issues.push({ severity: 'error', rule, locale, namespace, key, message });

	for (const [namespace, referenceStrings] of reference.namespaces) {
		const strings = bundle.namespaces.get(namespace);
		if (!strings) {
			if (bundle !== reference)
				report(
					'missing-key',
					namespace,
					undefined,
					`The file ${namespace}.json is missing (${referenceStrings.size} strings in ${ReferenceLocale}).`
				);
			continue;
		}
		const expected = entriesOf(referenceStrings);
		const actual = entriesOf(strings);
		for (const [base, wanted] of expected) {
			const found = actual.get(base);
			const isPlural = wanted.forms.size > 0;
			if (!isPlural) {
				if (found?.plain === undefined) report('missing-key', namespace, base, `Missing; ${ReferenceLocale} says: ${quote(wanted.plain!)}`);
				else if (bundle !== reference) issues.push(...placeholderIssues(locale, namespace, base, found.plain, wanted.plain!, false));
				for (const category of found?.forms.keys() ?? [])
					report('extra-key', namespace, `${base}_${category}`, `${ReferenceLocale} has no plural forms for "${base}": use the plain key.`);
				continue;
			}
			if (!found) {
				const keys = required.map((category) => `"${base}_${category}"`).join(', ');
				report(
					'missing-key',
					namespace,
					base,
					`Missing plural key: add ${keys}; ${ReferenceLocale} says: ${quote(wanted.forms.get('other') ?? '')}`
				);
				continue;
			}
			if (found.plain !== undefined)
				report(
					'extra-key',
					namespace,
					base,
					`"${base}" is a plural key: write its forms ${required.map((category) => `"${base}_${category}"`).join(', ')} instead.`
				);
			for (const category of required) {
				if (found.forms.has(category)) continue;
				const examples = exampleCounts(locale, category);
				report(
					'plural-forms',
					namespace,
					`${base}_${category}`,
					`Missing plural form "${category}" (${locale} uses it for counts like ${examples.join(', ')}).`
				);
			}
			for (const [category, text] of found.forms) {
				if (!required.includes(category) && !isOptionalPluralCategory(locale, category)) {
					report(
						'plural-forms',
						namespace,
						`${base}_${category}`,
						`Never used: ${locale} has no "${category}" plural form (its forms: ${required.join(', ')}).`
					);
				} else if (bundle !== reference) {
					const referenceText = [...wanted.forms.values()].join(' ');
					issues.push(...placeholderIssues(locale, namespace, `${base}_${category}`, text, referenceText, true));
				}
			}
		}
		if (bundle === reference) continue;
		for (const [base, found] of actual) {
			if (expected.has(base)) continue;
			const keys = [...(found.plain === undefined ? [] : [base]), ...[...found.forms.keys()].map((category) => `${base}_${category}`)];
			for (const key of keys)
				report('extra-key', namespace, key, `Not in ${ReferenceLocale}: remove it, or rename it to the key ${ReferenceLocale} uses.`);
		}
	}
	for (const namespace of bundle.namespaces.keys()) {
		if (!reference.namespaces.has(namespace))
			report('extra-key', namespace, undefined, `${ReferenceLocale} has no ${namespace}.json: this file is never used.`);
	}
	return issues;
}

/**
 * The same `{{variables}}` and `$t(nestings)` as en-US. A plural form may leave out `{{count}}` ("ein Server"), as long as
 * every other variable of the en-US forms is there.
 */
function placeholderIssues(locale: string, namespace: string, key: string, text: string, referenceText: string, plural: boolean): I18nIssue[] {
	const issues: I18nIssue[] = [];
	for (const [kind, extract, wrap] of [
		['variable', interpolationVariables, (name: string) => `{{${name}}}`],
		['nested translation', nestedKeys, (name: string) => `$t(${name})`]
	] as const) {
		const wanted = extract(referenceText);
		const found = extract(text);
		const missing = [...wanted].filter((name) => !found.has(name) && !(plural && name === 'count'));
		const unknown = [...found].filter((name) => !wanted.has(name));
		if (missing.length === 0 && unknown.length === 0) continue;
		const parts = [
			missing.length ? `missing ${missing.map(wrap).join(', ')}` : '',
			unknown.length ? `unknown ${unknown.map(wrap).join(', ')} (typo or translated ${kind} name?)` : ''
		].filter(Boolean);
		issues.push({
			severity: 'error',
			rule: 'variables',
			locale,
			namespace,
			key,
			message: `${capitalize(kind)}s differ from ${ReferenceLocale}: ${parts.join('; ')}.`
		});
	}
	return issues;
}

const commandNamePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Discord's limits for each string, by the kind its key declares (judged from the en-US keys). */
function checkLimits(bundle: LanguageBundle, reference: LanguageBundle): I18nIssue[] {
	const issues: I18nIssue[] = [];
	const { locale } = bundle;
	for (const [namespace, strings] of bundle.namespaces) {
		const referenceStrings = reference.namespaces.get(namespace);
		if (!referenceStrings) continue;
		for (const [key, text] of strings) {
			const report = (rule: I18nIssue['rule'], message: string) => issues.push({ severity: 'error', rule, locale, namespace, key, message });
			if (text.trim() === '') {
				report('invalid-value', `Empty: users would see the ${ReferenceLocale} text instead. Translate it, or delete the key until you do.`);
				continue;
			}
			const base = splitPluralKey(key)?.base ?? key;
			const kindName = kindOf(namespace, base, referenceStrings);
			const kind = StringKinds[kindName];
			if (kind.literal && hasPlaceholders(text)) {
				report('variables', `A ${kind.label} is registered with Discord as written: it cannot hold {{variables}} or $t() nestings.`);
			}
			if (kindName === 'commandName') {
				const problem = commandNameProblem(text);
				if (problem) report('command-name', `${quote(text)} is not a valid command name: ${problem}`);
				continue;
			}
			const length = literalLength(text);
			if (length > kind.max) report('length', `This ${kind.label} is ${length} characters; Discord allows at most ${kind.max}.`);
		}
	}
	return issues;
}

/** Why Discord would refuse `name` as a command, subcommand or option name, or null when it is fine. */
export function commandNameProblem(name: string): string | null {
	if (/\s/u.test(name)) return 'no spaces (use - or _ between words, or one word).';
	const { length } = [...name];
	if (length > 32) return `at most 32 characters, this has ${length}.`;
	if (!commandNamePattern.test(name)) return "only letters, digits, - _ and ' are allowed.";
	if (name !== name.toLowerCase()) return `it must be lowercase (${quote(name.toLowerCase())}).`;
	return null;
}

function localeFolderMessage(folder: string): string {
	const base = folder.split(/[-_]/)[0]!.toLowerCase();
	const alias: Record<string, string> = { nb: 'no', nn: 'no', en: 'en-US', zh: 'zh-CN', pt: 'pt-BR', es: 'es-ES', sv: 'sv-SE' };
	const suggestion = alias[base] ?? DiscordLocales.find((locale) => locale.split('-')[0]!.toLowerCase() === base);
	return `"${folder}" is not a Discord locale${suggestion ? `; did you mean "${suggestion}"?` : '.'} Folder names must be one of: ${DiscordLocales.join(', ')}.`;
}

function quote(text: string): string {
	return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}…` : text);
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
