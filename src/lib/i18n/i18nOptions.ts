import type { InternationalizationOptions } from '@sapphire/plugin-i18next';
import { fileURLToPath } from 'node:url';

/**
 * The bot's i18next setup, shared with the tests. The plugin sets `fallbackLng` to en-US, so a key a language lacks
 * is read from en-US; `returnEmptyString: false` makes an empty translation fall back the same way.
 *
 * Variable values are data: the plugin turns i18next's `skipOnVariables` off unless told otherwise, and then a value
 * such as a search text is interpolated again (`{{…}}`) and nested (`$t(key, {…})`, with options parsed from the
 * value itself): one 75-character search could keep the process busy for minutes. With it on, values are inserted
 * once and never read as markup.
 */
export function i18nOptions(fetchLanguage: InternationalizationOptions['fetchLanguage'], directory = languageDirectory): InternationalizationOptions {
	return {
		defaultLanguageDirectory: directory,
		fetchLanguage,
		i18next: { showSupportNotice: false, returnEmptyString: false, interpolation: { escapeValue: false, skipOnVariables: true } }
	};
}

/** The top-level `languages/` folder; compiled code runs from dist/src/lib/i18n, so it is four levels up. */
export const languageDirectory = fileURLToPath(new URL('../../../../languages', import.meta.url));
