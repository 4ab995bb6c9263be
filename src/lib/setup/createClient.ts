import { ApplicationCommandRegistries, container, RegisterBehavior, SapphireClient } from '@sapphire/framework';
import { ActivityType, GatewayIntentBits } from 'discord.js';
import { clientCacheOptions } from '#lib/discord/clientCaches';
import type { Environment } from '#lib/env';
import { createFetchLanguage } from '#lib/i18n/fetchLanguage';
import { i18nOptions } from '#lib/i18n/i18nOptions';
import { logger } from '#lib/logger/logger';
import { SapphirePinoLogger } from '#lib/logger/SapphirePinoLogger';
import type { ShardPlan } from '#lib/setup/sharding';

const i18nLogger = logger.child({ area: 'i18n' });

/** The client, running the shards of `shards` (null: the ones a ShardingManager gave this process). */
export function createClient(env: Environment, shards: ShardPlan | null = null): SapphireClient {
	// One PUT per scope on each start: idempotent, and one request instead of one per command.
	ApplicationCommandRegistries.setDefaultBehaviorWhenNotIdentical(RegisterBehavior.BulkOverwrite);
	if (env.developmentGuildIds.length) ApplicationCommandRegistries.setDefaultGuildIds(env.developmentGuildIds);

	return new SapphireClient({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
		...(shards ? { shards: [...shards.ids], shardCount: shards.count } : {}),
		// Only what the features read: a thousand servers should cost their voice connections, not their emojis.
		...clientCacheOptions(),
		rest: env.discordApiUrl ? { api: env.discordApiUrl } : {},
		logger: { instance: new SapphirePinoLogger(logger.child({ area: 'sapphire' })) },
		// Nothing the bot sends pings anyone: names, titles and searches in replies are members' and stations' text.
		allowedMentions: { parse: [], repliedUser: false },
		loadMessageCommandListeners: false,
		loadSubcommandErrorListeners: false,
		presence: { activities: [{ type: ActivityType.Listening, name: '/radio play' }] },
		i18n: i18nOptions(
			createFetchLanguage({
				serverLanguage: async (guildId) => (await container.settings.guild(guildId)).language,
				shipped: () => new Set(container.i18n.languages.keys()),
				onSettingsFailure: (guildId, error) =>
					i18nLogger.warn({ guildId, err: error }, "could not read the server's language setting; answering in the user's language")
			})
		)
	});
}
