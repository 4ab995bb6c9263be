import { container, type SapphireClient } from '@sapphire/framework';
import { logger } from '#lib/logger/logger';

const HardDeadlineMs = 9_000;

/**
 * SIGTERM/SIGINT: stop taking commands, leave voice, end every ffmpeg, close the gateway, exit 0.
 * A hard deadline keeps us inside the 10 s a container runtime allows before it SIGKILLs.
 */
export function installGracefulShutdown(client: SapphireClient): void {
	let shuttingDown = false;
	const shutdown = async (signal: NodeJS.Signals) => {
		if (shuttingDown) return;
		shuttingDown = true;
		container.shuttingDown = true;
		const log = logger.child({ area: 'lifecycle' });
		log.info({ signal }, 'shutting down');
		const deadline = setTimeout(() => {
			log.error('shutdown deadline passed: exiting anyway');
			process.exit(1);
		}, HardDeadlineMs);
		deadline.unref();
		try {
			// First: a rejoin in flight must neither start a session now nor give up (and delete) a saved one.
			container.sessionRestorer.stop();
			container.healthProber.stop();
			await container.voice.shutdown();
			await client.destroy();
			// Session records are written in the background; a volume change just before the signal must still be resumed.
			await container.sessionRecorder.flush();
			// The sessions just ended were counted; what was counted since the last write is written now.
			await container.listeningStats.flush();
			// The totals in /info drop this instance now rather than when its report expires.
			await container.cluster.stop();
			// After voice and the gateway: whatever they persist on the way out is written before the store closes.
			// A storage failure here loses nothing more than it already has, so it does not fail the shutdown.
			await container.settings.close().catch((error: unknown) => log.warn({ err: error }, 'closing the settings storage failed'));
			log.info('shutdown complete');
			process.exit(0);
		} catch (error) {
			log.error({ err: error }, 'shutdown failed');
			process.exit(1);
		}
	};
	process.once('SIGTERM', (signal) => void shutdown(signal));
	process.once('SIGINT', (signal) => void shutdown(signal));
}
