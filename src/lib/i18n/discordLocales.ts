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

const known: ReadonlySet<string> = new Set(DiscordLocales);

export function isDiscordLocale(value: string): value is DiscordLocale {
	return known.has(value);
}
