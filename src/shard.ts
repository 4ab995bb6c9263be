// `npm run start:sharded`: discord.js's ShardingManager, one process per shard, each the normal bot (index.js).
import '#lib/setup/loadEnvFile';
import { fileURLToPath } from 'node:url';
import { ExitConfigError, readEnvironmentOrExit, setupConfig, setupSettings } from '#lib/setup/bootstrap';
import { closeSettings, setupShards } from '#lib/setup/sharding';
import { startShardingManager } from '#lib/setup/shardingManager';

const env = readEnvironmentOrExit();
if (!env.discordToken) {
	process.stderr.write('DISCORD_TOKEN is not set: the sharding manager needs the bot token (npm start without it runs the offline demo).\n');
	process.exit(ExitConfigError);
}
setupConfig();
// The saved sessions decide the shard count when SHARD_COUNT does not; the processes open the settings themselves.
await setupSettings(env);
const plan = await setupShards(env);
await closeSettings();
await startShardingManager(fileURLToPath(new URL('index.js', import.meta.url)), env, plan!);
