// Plugins register themselves on import; the order matters only in that all come before the client is built.
import '@sapphire/plugin-i18next/register';
import '@sapphire/plugin-subcommands/register';
import '#lib/voice/VoicePlugin';
import type { Config } from '#lib/config/types';
import type { StationCatalog } from '#lib/stations/StationCatalog';

declare module '@sapphire/pieces' {
	interface Container {
		config: Config;
		stations: StationCatalog;
	}
}
