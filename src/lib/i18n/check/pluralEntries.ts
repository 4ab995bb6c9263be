import type { Namespace } from '#lib/i18n/check/loadLanguages';
import { splitPluralKey, type PluralCategory } from '#lib/i18n/check/plurals';

/** One logical string: a plain key, or a plural key with its forms. */
export interface Entry {
	plain?: string;
	forms: Map<PluralCategory, string>;
}

/** Groups `key_one`, `key_other`, … under `key`. */
export function entriesOf(namespace: Namespace): Map<string, Entry> {
	const entries = new Map<string, Entry>();
	const entry = (base: string) => entries.get(base) ?? entries.set(base, { forms: new Map() }).get(base)!;
	for (const [key, text] of namespace) {
		const plural = splitPluralKey(key);
		if (plural) entry(plural.base).forms.set(plural.category, text);
		else entry(key).plain = text;
	}
	return entries;
}
