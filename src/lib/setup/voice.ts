import { container } from '@sapphire/framework';
import { resolveFfmpeg } from '#lib/ffmpeg/resolveFfmpeg';
import type { Log } from '#lib/logger/logger';
import { chooseFallback } from '#lib/playback/failover';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { StationStreams } from '#lib/stations/StationStreams';
import { loadDaveLibrary } from '#lib/voice/checkDave';
import { gatewayBurst, VoiceGatewayQueue } from '#lib/voice/VoiceGatewayQueue';
import { VoiceService } from '#lib/voice/VoiceService';

/** How often expired stream resolutions are dropped (housekeeping, not a policy). */
const CacheSweepIntervalMs = 60_000;

/** The station streams (resolver, preflight, URL safety) and the voice service with its ffmpeg pipelines, from config.yaml. */
export function setupVoice(log: Log): void {
	const { config } = container;
	const ffmpeg = resolveFfmpeg();
	log.info({ ffmpeg: ffmpeg.path, source: ffmpeg.source }, 'using ffmpeg');
	const dave = loadDaveLibrary();
	log.info({ davey: dave.version, daveProtocolVersion: dave.protocolVersion }, 'DAVE end-to-end voice encryption available');

	const resolver = new StreamResolver({ userAgent: config.stream.userAgent, timeoutMs: config.stream.preflightTimeoutMs });
	setInterval(() => resolver.sweep(), CacheSweepIntervalMs).unref();
	container.streams = new StationStreams(resolver, {
		timeoutMs: config.stream.preflightTimeoutMs,
		userAgent: config.stream.userAgent,
		addressPolicy: { allowPrivateAddresses: config.stream.allowPrivateAddresses }
	});
	container.voice = new VoiceService({
		pipeline: {
			ffmpegPath: ffmpeg.path,
			userAgent: config.stream.userAgent,
			bitrateKbps: config.voice.opusBitrateKbps,
			connectTimeoutMs: config.stream.preflightTimeoutMs,
			stallTimeoutMs: config.voice.stallTimeoutSeconds * 1_000,
			healthyAfterMs: config.voice.healthyAfterSeconds * 1_000,
			restart: { baseDelayMs: 1_000, maxDelayMs: config.voice.restartMaxDelaySeconds * 1_000, maxAttempts: config.voice.restartAttempts }
		},
		resolveInput: (station, fresh) => container.streams.input(station, fresh),
		pipelineGraceMs: config.voice.pipelineGraceSeconds * 1_000,
		sharePipelines: config.voice.sharePipelines,
		joinTimeoutMs: config.voice.joinTimeoutSeconds * 1_000,
		gateway: new VoiceGatewayQueue({
			perMinute: config.voice.gatewayJoinsPerMinute,
			burst: gatewayBurst(config.voice.gatewayJoinsPerMinute),
			log
		}),
		joinQueueWaitMs: config.voice.joinQueueWaitSeconds * 1_000,
		maxRejoinAttempts: config.voice.rejoinAttempts,
		customPipelines: { global: config.voice.maxCustomPipelines, perServer: config.voice.maxCustomPipelinesPerServer },
		failover: (session, original) =>
			chooseFallback({ health: container.stationHealth, stations: (guildId) => container.guildStations.forGuild(guildId) }, session, original),
		log
	});
}
