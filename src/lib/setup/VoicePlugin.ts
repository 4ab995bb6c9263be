import { container, Plugin, postInitialization, SapphireClient } from '@sapphire/framework';
import { logger } from '#lib/logger/logger';
import { setupCluster } from '#lib/setup/cluster';
import { setupConfigReload } from '#lib/setup/configReload';
import { setupListening } from '#lib/setup/listening';
import { setupPlayback } from '#lib/setup/playback';
import { setupSessions } from '#lib/setup/sessions';
import { setupStationHealth } from '#lib/setup/stationHealth';
import { setupVoice } from '#lib/setup/voice';
import { setupWizards } from '#lib/setup/wizards';

/**
 * The voice service plugin: owns the FFmpeg pipelines and voice connections, and builds what plays around them, from
 * config.yaml, once the client exists (config, stations and settings are on the container by then).
 */
export class VoicePlugin extends Plugin {
	public static override [postInitialization](this: SapphireClient): void {
		const log = logger.child({ area: 'voice' });
		setupVoice(log);
		setupPlayback(log);
		setupListening();
		setupSessions(log);
		setupStationHealth(log);
		setupWizards(container.logger);
		setupCluster(logger.child({ area: 'cluster' }));
		setupConfigReload(logger.child({ area: 'config' }));
	}
}

SapphireClient.plugins.registerPostInitializationHook(VoicePlugin[postInitialization], 'Voice-PostInitialization');
