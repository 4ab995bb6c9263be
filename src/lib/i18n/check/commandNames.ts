import { quote } from '#lib/i18n/check/I18nIssue';

/** Discord's documented pattern for command names. */
const discordNamePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** What @discordjs/builders (1.15) checks in setName / setNameLocalizations before anything reaches Discord. */
const builderNamePattern = /^[\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Devanagari}\p{sc=Thai}_-]+$/u;

/**
 * Why a command, subcommand or option name would be refused, or null when it is fine. Two rules apply: Discord's
 * (letters, digits, - _ ', lowercase where the script has case) and discord.js's builders, which run before the request and
 * throw at startup: no apostrophe, only lowercase or caseless letters, at most 32 UTF-16 code units.
 */
export function commandNameProblem(name: string): string | null {
	if (/\s/u.test(name)) return 'no spaces (use - or _ between words, or one word).';
	if (name.length > 32) return `at most 32 characters, this has ${name.length}.`;
	if (name.includes("'")) return 'no apostrophe: Discord would take it, but discord.js refuses it when the bot registers its commands.';
	if (!discordNamePattern.test(name)) return 'only letters, digits, - and _ are allowed.';
	if (name !== name.toLowerCase()) return `it must be lowercase (${quote(name.toLowerCase())}).`;
	if (!builderNamePattern.test(name))
		return 'discord.js accepts only lowercase or caseless letters (no title-case letters or combining marks outside Devanagari and Thai).';
	return null;
}
