import type { InternationalizationContext } from '@sapphire/plugin-i18next';
import { pickLanguage } from '#lib/i18n/pickLanguage';

export interface LanguageSources {
	/** The server's `/setup language` override, or null. May throw or hang when the settings storage fails. */
	serverLanguage(guildId: string): Promise<string | null | undefined>;
	/** The locales we ship a bundle for. */
	shipped(): ReadonlySet<string>;
	/** Called when the override could not be read; the reply goes on in the user's language. */
	onSettingsFailure(guildId: string, error: unknown): void;
	/** How long to wait for the settings before answering without them (Discord allows 3 s for the first reply). */
	settingsTimeoutMs?: number;
}

/**
 * The language of every reply, for interactions (commands, autocomplete, buttons, menus, modals) and for notices to a
 * server: the server's override if set, else the user's locale, else the server's (`guild_locale`, then the cached
 * preferred locale), else en-US. A locale we do not ship falls to a sibling or the next candidate (see pickLanguage).
 */
export function createFetchLanguage(sources: LanguageSources): (context: InternationalizationContext) => Promise<string> {
	const timeoutMs = sources.settingsTimeoutMs ?? 1000;
	return async (context) => {
		const override = context.guild ? await readOverride(sources, context.guild.id, timeoutMs) : null;
		return pickLanguage([override, context.interactionLocale, context.interactionGuildLocale, context.guild?.preferredLocale], sources.shipped());
	};
}

async function readOverride(sources: LanguageSources, guildId: string, timeoutMs: number): Promise<string | null> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer from the settings storage within ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		return (await Promise.race([sources.serverLanguage(guildId), timeout])) ?? null;
	} catch (error) {
		sources.onSettingsFailure(guildId, error);
		return null;
	} finally {
		clearTimeout(timer);
	}
}
