// Must come first: .env fills in the environment before anything reads it.
import '#lib/setup/loadEnvFile';
// Must come before @discordjs/voice loads: it lets voice load sodium-native correctly (see installVoiceSodiumHook).
import '#lib/voice/prepareVoice';
import { FfmpegNotFoundError } from '#lib/ffmpeg/resolveFfmpeg';
import { logger } from '#lib/logger/logger';
import { ExitConfigError, readEnvironmentOrExit, setupConfig, setupSettings } from '#lib/setup/bootstrap';
import { createClient } from '#lib/setup/createClient';
import { installGracefulShutdown } from '#lib/setup/gracefulShutdown';
import { setupShards } from '#lib/setup/sharding';
import { startHealth } from '#lib/setup/startHealth';
import { requireDaveOrExit } from '#lib/voice/checkDave';

// The plugins include the voice plugin, which loads @discordjs/voice and with it @snazzah/davey: check DAVE first (exit 78).
requireDaveOrExit();
await import('#lib/setup/plugins');

const env = readEnvironmentOrExit();
setupConfig();

if (env.discordToken) {
	await setupSettings(env);
	try {
		const shards = await setupShards(env);
		const client = createClient(env, shards);
		installGracefulShutdown(client);
		if (env.healthPort !== null) await startHealth(client, env.healthPort, env.healthHost, env.healthDebug);
		await client.login(env.discordToken);
	} catch (error) {
		if (error instanceof FfmpegNotFoundError) {
			process.stderr.write(`${error.message}\n`);
			process.exit(ExitConfigError);
		}
		logger.fatal({ err: error }, 'could not start');
		process.exit(1);
	}
} else {
	// No token: the offline demo drives this same entry point against the Discord emulator.
	const demo = await import('#demo').catch(() => null);
	if (!demo) {
		process.stderr.write('DISCORD_TOKEN is not set, and this build has no offline demo. Set DISCORD_TOKEN to your bot token.\n');
		process.exit(ExitConfigError);
	}
	process.exitCode = await demo.runDemo();
}
