import { container } from '@sapphire/framework';
import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import { SwitchBack, switchBackNotice as switchBackNoticeFor } from '#lib/playback/failover';
import { HealthProber } from '#lib/stations/health/HealthProber';
import { StationHealth } from '#lib/stations/health/StationHealth';

/**
 * Station health from config.yaml's `health`: the registry (fed by pipelines, failovers and probes), the prober watching
 * stations nobody listens to (the config.yaml catalog, and first those a failover replaced), and switching back.
 */
export function setupStationHealth(log: Log): void {
	const { config, voice } = container;
	const intervalMs = config.health.probeIntervalSeconds * 1_000;
	const isPlaying = (stationId: string) => voice.activePipelines.some((pipeline) => pipeline.stationId === stationId && !pipeline.isStopped);
	container.stationHealth = new StationHealth({
		check: async (station) => (await container.streams.preflight(station)).ok,
		isPlaying,
		// A probe from the last round is recent enough for a failover; an older one is checked again first.
		freshForMs: intervalMs,
		log
	});
	container.healthProber = new HealthProber({
		health: container.stationHealth,
		stations: () => ({ urgent: replacedStations(), all: container.stations.stations }),
		isPlaying,
		intervalMs,
		concurrency: config.health.probeConcurrency,
		perRound: config.health.probesPerRound,
		log
	});
	container.switchBack = new SwitchBack({
		voice,
		settings: container.settings,
		switchedBack: (session) => void container.cards.announce(session, switchBackNoticeFor(session)),
		log
	});
	container.healthProber.start();
}

/** Stations listening servers stand in for after a failover: probed every round, to switch back soon. */
function replacedStations(): Station[] {
	const replaced = new Map<string, Station>();
	for (const session of container.voice.activeSessions) if (session.failoverFrom) replaced.set(session.failoverFrom.id, session.failoverFrom);
	return [...replaced.values()];
}
