/** i18next's plural suffixes (`key_one`, `key_other`, …), in its own order. */
export const PluralCategories = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

export type PluralCategory = (typeof PluralCategories)[number];

const suffixPattern = new RegExp(`^(.+)_(${PluralCategories.join('|')})$`);

/** `listFooter_one` → { base: 'listFooter', category: 'one' }; null for a key without a plural suffix. */
export function splitPluralKey(key: string): { base: string; category: PluralCategory } | null {
	const match = suffixPattern.exec(key);
	return match ? { base: match[1]!, category: match[2] as PluralCategory } : null;
}

/** The categories i18next asks for in `locale` (it uses `Intl.PluralRules` the same way). */
export function pluralCategoriesOf(locale: string): PluralCategory[] {
	const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as PluralCategory[];
	return PluralCategories.filter((category) => categories.includes(category));
}

/** `_zero` is looked up for a count of 0 in every language (i18next), so it is optional wherever the language lacks it. */
export function isOptionalPluralCategory(locale: string, category: PluralCategory): boolean {
	return category === 'zero' && !pluralCategoriesOf(locale).includes('zero');
}

const sampleCounts = [0, 1, 2, 3, 4, 5, 7, 11, 12, 21, 22, 25, 100, 101, 102, 1_000_000, 1.5];

/** A few counts that use `category` in `locale`, for messages to translators: "few (2, 3, 4, 22, …)". */
export function exampleCounts(locale: string, category: PluralCategory): number[] {
	const rules = new Intl.PluralRules(locale);
	return sampleCounts.filter((count) => rules.select(count) === category).slice(0, 4);
}
