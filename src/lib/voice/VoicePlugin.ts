import { container, Plugin, postInitialization, SapphireClient } from '@sapphire/framework';
import { logger } from '#lib/logger/logger';
import { resolveFfmpeg } from './resolveFfmpeg.js';
import { VoiceService } from './VoiceService.js';

/** The voice service plugin: owns the FFmpeg pipelines and voice connections, built from config.yaml. */
export class VoicePlugin extends Plugin {
	public static override [postInitialization](this: SapphireClient): void {
		const { config } = container;
		const ffmpeg = resolveFfmpeg();
		const log = logger.child({ area: 'voice' });
		log.info({ ffmpeg: ffmpeg.path, source: ffmpeg.source }, 'using ffmpeg');
		container.voice = new VoiceService({
			ffmpegPath: ffmpeg.path,
			userAgent: config.stream.userAgent,
			bitrateKbps: config.voice.opusBitrateKbps,
			pipelineGraceMs: config.voice.pipelineGraceSeconds * 1_000,
			joinTimeoutMs: 15_000,
			maxRejoinAttempts: 5,
			stallTimeoutMs: 15_000,
			healthyAfterMs: 60_000,
			restart: { baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 6 },
			log
		});
	}
}

SapphireClient.plugins.registerPostInitializationHook(VoicePlugin[postInitialization], 'Voice-PostInitialization');

declare module '@sapphire/pieces' {
	interface Container {
		voice: VoiceService;
	}
}
