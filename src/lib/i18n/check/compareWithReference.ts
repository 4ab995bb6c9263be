import type { I18nIssue } from '#lib/i18n/check/I18nIssue';
import { capitalize, quote } from '#lib/i18n/check/I18nIssue';
import type { LanguageBundle } from '#lib/i18n/check/loadLanguages';
import { entriesOf } from '#lib/i18n/check/pluralEntries';
import { exampleCounts, isOptionalPluralCategory, pluralCategoriesOf } from '#lib/i18n/check/plurals';
import { ReferenceLocale } from '#lib/i18n/discordLocales';
import { interpolationVariables, nestedKeys } from '#lib/i18n/check/variables';

/** Same keys as en-US, the plural forms `bundle`'s language needs (and no others), the same variables. */
export function compareWithReference(bundle: LanguageBundle, reference: LanguageBundle): I18nIssue[] {
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
