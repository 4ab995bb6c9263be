// Plugins register themselves on import; the order matters only in that all come before the client is built.
import '@sapphire/plugin-i18next/register';
import '@sapphire/plugin-subcommands/register';
import '#lib/setup/VoicePlugin';
import type { Config } from '#lib/config/types';
import type { SettingsStore } from '#lib/settings/types';
import type { StationCatalog } from '#lib/stations/catalog/StationCatalog';

declare module '@sapphire/pieces' {
	interface Container {
		config: Config;
		stations: StationCatalog;
		/** Per-server settings and sessions; opened in index.ts before login. */
		settings: SettingsStore;
	}
}
