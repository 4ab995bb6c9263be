import { container } from '@sapphire/framework';
import { ConfigError } from '#lib/config/ConfigError';
import { loadConfig } from '#lib/config/loadConfig';
import { ShardSelectionError } from '#lib/cluster/shardSelection';
import { readEnvironment, type Environment } from '#lib/env';
import { logger } from '#lib/logger/logger';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';

/** Exit code for a configuration error (sysexits EX_CONFIG): config.yaml, the settings storage, ffmpeg, DAVE. */
export const ExitConfigError = 78;

/** The environment; a mistake in SHARD_COUNT or SHARD_IDS stops the bot with one line and EX_CONFIG. */
export function readEnvironmentOrExit(): Environment {
	try {
		return readEnvironment();
	} catch (error) {
		if (!(error instanceof ShardSelectionError)) throw error;
		process.stderr.write(`${error.message}\n`);
		process.exit(ExitConfigError);
	}
}

/** config.yaml and the catalogs built from it; a mistake stops the bot with one line naming file, line and key. */
export function setupConfig(): void {
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
}

/**
 * The per-server settings store. Never falls back to defaults: a server's settings must not silently reset, so a store
 * that cannot be opened stops the bot with one clear line and EX_CONFIG.
 */
export async function setupSettings(env: Environment): Promise<void> {
	try {
		const settings = await openSettingsStore({
			sqlitePath: env.settingsPath,
			redisUrl: env.redisUrl,
			namespace: env.settingsNamespace,
			onBackgroundError: (error) => logger.warn({ err: error, area: 'settings' }, 'settings storage reported an error')
		});
		container.settings = settings;
		// Another instance changed a server's stations: its merged catalog here is stale now, not in five minutes.
		settings.onChange((change) => {
			logger.debug({ area: 'settings', change }, 'settings changed on another instance');
			if (change.kind === 'stations') container.guildStations.invalidate(change.guildId);
			else if (change.kind === 'everything') container.guildStations.invalidateAll();
		});
		logger.info({ area: 'settings', location: settings.location }, 'settings storage ready');
	} catch (error) {
		if (!(error instanceof SettingsStoreError)) throw error;
		logger.fatal({ err: error, area: 'settings', problem: error.problem }, error.message);
		process.stderr.write(`${error.message}\n`);
		process.exit(ExitConfigError);
	}
}
