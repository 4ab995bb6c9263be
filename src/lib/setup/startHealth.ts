import { container, type SapphireClient } from '@sapphire/framework';
import { Status } from 'discord.js';
import { logger } from '#lib/logger/logger';
import { serverPort, startHealthServer } from '#lib/health/HealthServer';
import { createMetrics } from '#lib/health/metrics';
import { resourceCounts } from '#lib/health/resourceCounts';
import { readiness } from '#lib/setup/cluster';

export async function startHealth(client: SapphireClient, port: number, host: string, debug = false): Promise<void> {
	const metrics = createMetrics({
		guilds: () => client.guilds.cache.size,
		sessions: () => container.voice.activeSessions.length,
		pipelines: () => container.voice.activePipelines.length,
		ffmpegRestarts: () => container.voice.ffmpegRestarts,
		stationHealth: () => container.stationHealth.counts(container.voice.activePipelines.map((pipeline) => pipeline.stationId))
	});
	// Imported here, not at the top: index.ts imports this file before it checks that DAVE's library loads (exit 78).
	const { getVoiceConnections } = await import('@discordjs/voice');
	const server = await startHealthServer({
		port,
		host,
		metrics,
		isHealthy: () => client.ws.status === Status.Ready && !container.shuttingDown,
		debug: debug
			? () =>
					resourceCounts({
						sessions: () => container.voice.activeSessions.length,
						pipelines: () => container.voice.activePipelines.length,
						voiceConnections: () => getVoiceConnections().size,
						wizards: () => container.wizards.size,
						emitters: () => ({ client, voice: container.voice })
					})
			: undefined,
		readiness: () => {
			const { ready, ...detail } = readiness();
			return { ready, detail };
		}
	});
	logger.info({ area: 'health', host, port: serverPort(server), debug }, 'health server listening');
}
