import { DiscordLocales as LocaleCodes, LocaleNativeNames } from '#lib/i18n/discordLocales';

/** Every locale Discord supports, with the name its speakers use, in Discord's order. */
export const DiscordLocales = LocaleCodes.map((code) => ({ code, name: LocaleNativeNames[code] }));

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
