import { expect } from 'chai';
import { languageDirectory } from '#lib/i18n/i18nOptions';
import * as Keys from '#lib/i18n/keys/index';
import { loadLanguages } from '#lib/i18n/check/loadLanguages';

/** Every `namespace:key` string exported by the key modules (src/lib/i18n/keys), and every reason key of the stream namespace. */
function declaredKeys(): string[] {
	const keys = new Set<string>();
	for (const module of Object.values(Keys) as Record<string, unknown>[]) {
		for (const value of Object.values(module)) if (typeof value === 'string' && value.includes(':')) keys.add(value);
	}
	for (const reason of Keys.Stream.Reasons) keys.add(Keys.Stream.reasonKey(reason));
	return [...keys].sort();
}

describe('Translation keys declared in src/lib/i18n/keys', () => {
	it('GIVEN every declared key WHEN looked up in en-US THEN each exists as a string, a plural key, or a command (Name + Description)', () => {
		const english = loadLanguages(languageDirectory).bundles.get('en-US')!;
		const keys = declaredKeys();
		expect(keys.length).to.be.greaterThan(40);
		const missing = keys.filter((declared) => {
			const [namespace, key] = declared.split(':') as [string, string];
			const strings = english.namespaces.get(namespace);
			if (!strings) return true;
			return !strings.has(key) && !strings.has(`${key}_other`) && !(strings.has(`${key}Name`) && strings.has(`${key}Description`));
		});
		expect(missing, 'declared in src/lib/i18n/keys but not in languages/en-US').to.deep.equal([]);
	});
});
