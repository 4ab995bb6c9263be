import { container } from '@sapphire/framework';
import { InternationalizationHandler } from '@sapphire/plugin-i18next';
import { createFetchLanguage } from '#lib/i18n/fetchLanguage';
import { i18nOptions } from '#lib/i18n/i18nOptions';

export interface BotI18n {
	readonly handler: InternationalizationHandler;
	/** Puts back whatever `container.i18n` was before. */
	uninstall(): void;
}

/**
 * The bot's i18next handler (its bundles and its language choice: the server's `/setup language`, else the user's
 * locale, else the server's) installed as Sapphire's `container.i18n`, which `fetchT` from @sapphire/plugin-i18next
 * reads. Services given `tFor: fetchT` then answer as in the bot.
 */
export async function installBotI18n(serverLanguage: (guildId: string) => Promise<string | null>): Promise<BotI18n> {
	const handler: InternationalizationHandler = new InternationalizationHandler(
		i18nOptions(
			createFetchLanguage({
				serverLanguage,
				shipped: () => new Set(handler.languages.keys()),
				onSettingsFailure: () => undefined
			})
		)
	);
	await handler.init();
	const previous = container.i18n as InternationalizationHandler | undefined;
	container.i18n = handler;
	return {
		handler,
		uninstall: () => {
			if (previous) container.i18n = previous;
			else Reflect.deleteProperty(container, 'i18n');
		}
	};
}
