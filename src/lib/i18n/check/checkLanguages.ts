import { DiscordLocales, isDiscordLocale } from '#lib/i18n/discordLocales';
import { checkLimits } from '#lib/i18n/check/checkLimits';
import { commandNodes, nameClashes } from '#lib/i18n/check/commandTree';
import { compareWithReference } from '#lib/i18n/check/compareWithReference';
import type { I18nIssue } from '#lib/i18n/check/I18nIssue';
import { loadLanguages, type LanguageBundle } from '#lib/i18n/check/loadLanguages';
import { ReferenceLocale } from '#lib/i18n/discordLocales';

export { ReferenceLocale };

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
	const commands = commandNodes(reference);
	for (const bundle of bundles.values()) {
		if (!isDiscordLocale(bundle.locale)) continue;
		issues.push(...compareWithReference(bundle, reference), ...checkLimits(bundle, reference), ...clashIssues(commands, bundle, reference));
	}
	return issues;
}

/** Discord refuses a command whose subcommands or options share a name in some language, and two commands sharing one. */
function clashIssues(commands: ReturnType<typeof commandNodes>, bundle: LanguageBundle, reference: LanguageBundle): I18nIssue[] {
	return nameClashes(commands, bundle, reference).map(({ name, nodes }) => {
		const [first] = nodes;
		const where = nodes.map((node) => `${node.namespace}:${node.base}Name`).join(', ');
		const scope = first!.group === 'top' ? 'top-level commands' : 'options or subcommands of one command';
		return {
			severity: 'error',
			rule: 'command-name',
			locale: bundle.locale,
			namespace: first!.namespace,
			key: `${first!.base}Name`,
			message: `${where} are all ${JSON.stringify(name)} here: ${scope} need different names.`
		} satisfies I18nIssue;
	});
}

function localeFolderMessage(folder: string): string {
	const base = folder.split(/[-_]/)[0]!.toLowerCase();
	const alias: Record<string, string> = { nb: 'no', nn: 'no', en: 'en-US', zh: 'zh-CN', pt: 'pt-BR', es: 'es-ES', sv: 'sv-SE' };
	const suggestion = alias[base] ?? DiscordLocales.find((locale) => locale.split('-')[0]!.toLowerCase() === base);
	return `"${folder}" is not a Discord locale${suggestion ? `; did you mean "${suggestion}"?` : '.'} Folder names must be one of: ${DiscordLocales.join(', ')}.`;
}
