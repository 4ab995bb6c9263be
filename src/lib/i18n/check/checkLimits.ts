import type { I18nIssue } from '#lib/i18n/check/I18nIssue';
import { commandNameProblem } from '#lib/i18n/check/commandNames';
import { quote } from '#lib/i18n/check/I18nIssue';
import { kindOf, StringKinds } from '#lib/i18n/check/keyConventions';
import type { LanguageBundle } from '#lib/i18n/check/loadLanguages';
import { splitPluralKey } from '#lib/i18n/check/plurals';
import { ReferenceLocale } from '#lib/i18n/discordLocales';
import { hasPlaceholders, literalLength } from '#lib/i18n/check/variables';

/** Discord's limits for each string, by the kind its key declares (judged from the en-US keys). */
export function checkLimits(bundle: LanguageBundle, reference: LanguageBundle): I18nIssue[] {
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
