import { container } from '@sapphire/framework';
import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import { SessionRecorder } from '#lib/sessions/SessionRecorder';
import { SessionRestorer } from '#lib/sessions/SessionRestorer';
import { rejoinsPerShardMinute } from '#lib/cluster/chooseShardCount';
import { directoryStation, directoryUuid } from '#lib/stations/directory/directoryStation';

/**
 * The station a saved session plays: config and server stations by id; a directory station (`rb-<uuid>`) is asked of the
 * directory again (a failure throws, so the resume retries; a station the directory dropped is gone).
 */
async function resumedStation(guildId: string, stationId: string): Promise<Station | null> {
	const uuid = directoryUuid(stationId);
	if (uuid === null || !container.directory) return container.guildStations.stationById(guildId, stationId);
	const entry = await container.directory.station(uuid);
	return entry ? directoryStation(entry, guildId) : null;
}

/** Saved sessions and 24/7: what a restart resumes, and the rejoins after a disconnect. */
export function setupSessions(log: Log): void {
	const { config } = container;
	container.sessionRecorder = new SessionRecorder(
		() => container.settings,
		log,
		(guildId) => container.cards.refOf(guildId)
	);
	container.sessionRestorer = new SessionRestorer({
		voice: container.voice,
		store: () => container.settings,
		recorder: container.sessionRecorder,
		guild: (guildId) => container.client.guilds.cache.get(guildId),
		guildIds: () => [...container.client.guilds.cache.keys()],
		shardOf: (guildId) => container.client.guilds.cache.get(guildId)?.shardId ?? 0,
		findStation: (guildId, stationId) => resumedStation(guildId, stationId),
		afterJoin: (guild, session) => container.leaveWhenAlone.watch(guild, session),
		restoreCard: (guildId, card) => (card ? container.cards.adopt(guildId, card) : container.cards.forget(guildId)),
		windowMs: config.resume.windowSeconds * 1_000,
		maxSpacingMs: config.resume.maxSpacingMs,
		joinsPerShardMinute: rejoinsPerShardMinute(config),
		retry: {
			baseDelayMs: config.resume.retryDelaySeconds * 1_000,
			maxDelayMs: config.resume.retryMaxDelaySeconds * 1_000,
			maxAttempts: config.resume.attempts
		},
		healthyAfterMs: config.voice.healthyAfterSeconds * 1_000,
		log
	});
	// Settings of one of our servers changed elsewhere (another instance, an operator's tool): 24/7 takes effect now.
	container.settings.onChange((change) => {
		if (change.kind === 'guild' && container.client.guilds.cache.has(change.guildId))
			void container.sessionRestorer.settingsChanged(change.guildId);
	});
}
