import { ApplicationCommandRegistries, container, RegisterBehavior, SapphireClient } from '@sapphire/framework';
import { ActivityType, GatewayIntentBits } from 'discord.js';
import type { Environment } from '#lib/env';
import { languageDirectory } from '#lib/i18n/languageDirectory';
import { pickLanguage } from '#lib/i18n/pickLanguage';
import { logger } from '#lib/logger/logger';
import { SapphirePinoLogger } from '#lib/logger/SapphirePinoLogger';

export function createClient(env: Environment): SapphireClient {
	// One PUT per scope on each start: idempotent, and one request instead of one per command.
	ApplicationCommandRegistries.setDefaultBehaviorWhenNotIdentical(RegisterBehavior.BulkOverwrite);
	if (env.developmentGuildIds.length) ApplicationCommandRegistries.setDefaultGuildIds(env.developmentGuildIds);

	return new SapphireClient({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
		rest: env.discordApiUrl ? { api: env.discordApiUrl } : {},
		logger: { instance: new SapphirePinoLogger(logger.child({ area: 'sapphire' })) },
		loadMessageCommandListeners: false,
		loadSubcommandErrorListeners: false,
		presence: { activities: [{ type: ActivityType.Listening, name: '/radio play' }] },
		i18n: {
			defaultLanguageDirectory: languageDirectory,
			fetchLanguage: (context) =>
				pickLanguage(
					[context.interactionLocale, context.interactionGuildLocale, context.guild?.preferredLocale],
					new Set(container.i18n.languages.keys())
				),
			i18next: { showSupportNotice: false, returnEmptyString: false }
		}
	});
}
