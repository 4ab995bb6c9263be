/** Every locale Discord supports (developer documentation, "Locales"), with the name its speakers use. */
export const DiscordLocales = [
	{ code: 'id', name: 'Bahasa Indonesia' },
	{ code: 'da', name: 'Dansk' },
	{ code: 'de', name: 'Deutsch' },
	{ code: 'en-GB', name: 'English, UK' },
	{ code: 'en-US', name: 'English, US' },
	{ code: 'es-ES', name: 'Español' },
	{ code: 'es-419', name: 'Español, LATAM' },
	{ code: 'fr', name: 'Français' },
	{ code: 'hr', name: 'Hrvatski' },
	{ code: 'it', name: 'Italiano' },
	{ code: 'lt', name: 'Lietuviškai' },
	{ code: 'hu', name: 'Magyar' },
	{ code: 'nl', name: 'Nederlands' },
	{ code: 'no', name: 'Norsk' },
	{ code: 'pl', name: 'Polski' },
	{ code: 'pt-BR', name: 'Português do Brasil' },
	{ code: 'ro', name: 'Română' },
	{ code: 'fi', name: 'Suomi' },
	{ code: 'sv-SE', name: 'Svenska' },
	{ code: 'vi', name: 'Tiếng Việt' },
	{ code: 'tr', name: 'Türkçe' },
	{ code: 'cs', name: 'Čeština' },
	{ code: 'el', name: 'Ελληνικά' },
	{ code: 'bg', name: 'Български' },
	{ code: 'ru', name: 'Русский' },
	{ code: 'uk', name: 'Українська' },
	{ code: 'hi', name: 'हिन्दी' },
	{ code: 'th', name: 'ไทย' },
	{ code: 'zh-CN', name: '中文' },
	{ code: 'ja', name: '日本語' },
	{ code: 'zh-TW', name: '繁體中文' },
	{ code: 'ko', name: '한국어' }
] as const;

/** The value that clears the server's language override: each member gets their own Discord language again. */
export const AutomaticLanguage = 'automatic';

export function discordLocale(code: string): (typeof DiscordLocales)[number] | undefined {
	return DiscordLocales.find((locale) => locale.code.toLowerCase() === code.trim().toLowerCase());
}

/** "Deutsch (de)": the label wherever a language is shown or picked. */
export function localeLabel(code: string): string {
	const locale = discordLocale(code);
	return locale ? `${locale.name} (${locale.code})` : code;
}

/** Locales whose code or name contains `query`, for autocomplete. */
export function searchLocales(query: string): (typeof DiscordLocales)[number][] {
	const needle = query.trim().toLowerCase();
	return DiscordLocales.filter((locale) => !needle || locale.code.toLowerCase().includes(needle) || locale.name.toLowerCase().includes(needle));
}
