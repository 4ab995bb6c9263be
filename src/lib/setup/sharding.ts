import { container } from '@sapphire/framework';
import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { chooseShardCount, resumableSessionsPerShard } from '#lib/cluster/chooseShardCount';
import type { Config } from '#lib/config/types';
import type { Environment } from '#lib/env';
import { logger, type Log } from '#lib/logger/logger';
import type { SettingsStore } from '#lib/settings/types';

/** The shards a process (or a ShardingManager) runs: `ids` of `count`. */
export interface ShardPlan {
	readonly ids: readonly number[];
	readonly count: number;
}

/** This process's shards, from the environment, config.yaml and the saved sessions (settings are open by now). */
export function setupShards(env: Environment): Promise<ShardPlan | null> {
	return planShards(env, container.settings, container.config, logger.child({ area: 'sharding' }));
}

/** The sharding manager counted the saved sessions; its shard processes open the settings themselves. */
export async function closeSettings(): Promise<void> {
	await container.settings.close();
}

/**
 * Which shards to run: SHARD_COUNT and SHARD_IDS when set; otherwise every shard of the fewest, at least Discord's
 * recommendation, that rejoin each shard's saved sessions within its first minute (chooseShardCount). Null for a
 * process a ShardingManager started: discord.js reads its shard from the environment.
 */
export async function planShards(env: Environment, settings: SettingsStore, config: Config, log: Log): Promise<ShardPlan | null> {
	const selection = env.shards;
	if (selection.kind === 'managed') return null;
	if (selection.kind === 'fixed') {
		log.info({ shardIds: selection.ids, shardCount: selection.count }, 'running the shards SHARD_IDS and SHARD_COUNT name');
		return { ids: selection.ids, count: selection.count };
	}
	const recommended = await recommendedShards(env, log);
	let sessionGuildIds: string[] = [];
	try {
		sessionGuildIds = (await settings.listSessions(() => undefined)).map((session) => session.guildId);
	} catch (error) {
		log.warn({ err: error }, 'saved sessions could not be counted: the shard count follows Discord alone');
	}
	const choice = chooseShardCount({
		recommended,
		sessionGuildIds,
		joinsPerShardMinute: resumableSessionsPerShard(config),
		maxShards: config.sharding.maxShards
	});
	const fields = {
		shardCount: choice.count,
		recommended,
		savedSessions: sessionGuildIds.length,
		busiestShard: choice.busiestShard,
		reason: choice.reason
	};
	if (choice.reason === 'max_shards') log.warn(fields, 'sharding.max_shards is too low to rejoin every saved session within a minute');
	else log.info(fields, 'shard count chosen');
	return { ids: Array.from({ length: choice.count }, (_, index) => index), count: choice.count };
}

/** Discord's recommended shard count (GET /gateway/bot); 1 when it cannot be asked (login reports a bad token itself). */
async function recommendedShards(env: Environment, log: Log): Promise<number> {
	try {
		const rest = new REST(env.discordApiUrl ? { api: env.discordApiUrl } : {}).setToken(env.discordToken ?? '');
		const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
		return Math.max(1, gateway.shards);
	} catch (error) {
		log.warn({ err: error }, "Discord's recommended shard count could not be read; counting from the saved sessions alone");
		return 1;
	}
}
