import { container } from '@sapphire/framework';
import type { Log } from '#lib/logger/logger';
import { SessionRecorder } from '#lib/sessions/SessionRecorder';
import { SessionRestorer } from '#lib/sessions/SessionRestorer';
import { rejoinsPerShardMinute } from '#lib/cluster/chooseShardCount';

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
		findStation: (guildId, stationId) => container.guildStations.stationById(guildId, stationId),
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
