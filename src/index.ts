// Must come first: .env fills in the environment before anything reads it.
import '#lib/lifecycle/loadEnvFile';
// Must come before @discordjs/voice loads: it lets voice load sodium-native correctly (see installVoiceSodiumHook).
import '#lib/voice/prepareVoice';
import { container } from '@sapphire/framework';
import { ConfigError } from '#lib/config/ConfigError';
import { loadConfig } from '#lib/config/loadConfig';
import { createClient } from '#lib/createClient';
import { startHealth } from '#lib/health/startHealth';
import { readEnvironment } from '#lib/env';
import { installGracefulShutdown } from '#lib/lifecycle/gracefulShutdown';
import { logger } from '#lib/logger/logger';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import { GuildCatalogs } from '#lib/stations/custom/GuildCatalogs';
import { StationCatalog } from '#lib/stations/StationCatalog';
import { requireDaveOrExit } from '#lib/voice/checkDave';
import { FfmpegNotFoundError } from '#lib/voice/resolveFfmpeg';

// Setup registers the voice plugin, which loads @discordjs/voice and with it @snazzah/davey: check DAVE first (exit 78).
requireDaveOrExit();
await import('#lib/setup');

/** Exit code for a configuration error (sysexits EX_CONFIG). */
const ExitConfigError = 78;

const env = readEnvironment();

try {
	container.config = loadConfig();
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	process.stderr.write(`${error.message}\n`);
	process.exit(ExitConfigError);
}
container.stations = new StationCatalog(container.config.radios);
container.guildStations = new GuildCatalogs(container.stations, {
	customStations: (guildId) => container.settings.customStations(guildId),
	onReadError: (error, guildId) => logger.warn({ err: error, guildId, area: 'settings' }, 'custom stations unavailable; shared catalog only')
});

if (env.discordToken) {
	try {
		const settings = await openSettingsStore({
			sqlitePath: env.settingsPath,
			redisUrl: env.redisUrl,
			namespace: env.settingsNamespace,
			onBackgroundError: (error) => logger.warn({ err: error, area: 'settings' }, 'settings storage reported an error')
		});
		container.settings = settings;
		logger.info({ area: 'settings', location: settings.location }, 'settings storage ready');
	} catch (error) {
		if (!(error instanceof SettingsStoreError)) throw error;
		// Never fall back to defaults: a server's settings must not silently reset. One clear line, then EX_CONFIG.
		logger.fatal({ err: error, area: 'settings', problem: error.problem }, error.message);
		process.stderr.write(`${error.message}\n`);
		process.exit(ExitConfigError);
	}
	try {
		const client = createClient(env);
		installGracefulShutdown(client);
		if (env.healthPort !== null) await startHealth(client, env.healthPort);
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
