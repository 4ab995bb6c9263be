/** Every locale Discord supports (its documentation's list), in that order: the only valid `languages/<locale>/` folder names. */
export const DiscordLocales = [
	'id',
	'da',
	'de',
	'en-GB',
	'en-US',
	'es-ES',
	'es-419',
	'fr',
	'hr',
	'it',
	'lt',
	'hu',
	'nl',
	'no',
	'pl',
	'pt-BR',
	'ro',
	'fi',
	'sv-SE',
	'vi',
	'tr',
	'cs',
	'el',
	'bg',
	'ru',
	'uk',
	'hi',
	'th',
	'zh-CN',
	'ja',
	'zh-TW',
	'ko'
] as const;

export type DiscordLocale = (typeof DiscordLocales)[number];

/** Each locale's name in its own language, as Discord's language picker shows it. */
export const LocaleNativeNames: Readonly<Record<DiscordLocale, string>> = {
	id: 'Bahasa Indonesia',
	da: 'Dansk',
	de: 'Deutsch',
	'en-GB': 'English, UK',
	'en-US': 'English, US',
	'es-ES': 'Español',
	'es-419': 'Español, LATAM',
	fr: 'Français',
	hr: 'Hrvatski',
	it: 'Italiano',
	lt: 'Lietuviškai',
	hu: 'Magyar',
	nl: 'Nederlands',
	no: 'Norsk',
	pl: 'Polski',
	'pt-BR': 'Português do Brasil',
	ro: 'Română',
	fi: 'Suomi',
	'sv-SE': 'Svenska',
	vi: 'Tiếng Việt',
	tr: 'Türkçe',
	cs: 'Čeština',
	el: 'Ελληνικά',
	bg: 'Български',
	ru: 'Русский',
	uk: 'Українська',
	hi: 'हिन्दी',
	th: 'ไทย',
	'zh-CN': '中文',
	ja: '日本語',
	'zh-TW': '繁體中文',
	ko: '한국어'
};

const known: ReadonlySet<string> = new Set(DiscordLocales);

export function isDiscordLocale(value: string): value is DiscordLocale {
	return known.has(value);
}

/** Every language is checked against this one, and i18next falls back to it for any key a language lacks. */
export const ReferenceLocale = 'en-US';
