import type { InternationalizationOptions } from '@sapphire/plugin-i18next';
import { languageDirectory } from './languageDirectory.js';

/**
 * The bot's i18next setup, shared with the tests. The plugin sets `fallbackLng` to en-US, so a key a language lacks
 * is read from en-US; `returnEmptyString: false` makes an empty translation fall back the same way.
 */
export function i18nOptions(fetchLanguage: InternationalizationOptions['fetchLanguage'], directory = languageDirectory): InternationalizationOptions {
	return {
		defaultLanguageDirectory: directory,
		fetchLanguage,
		i18next: { showSupportNotice: false, returnEmptyString: false }
	};
}
