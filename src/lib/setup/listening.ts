import { container } from '@sapphire/framework';
import { ChangeBudget } from '#lib/discord/ChangeBudget';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { MemberStations } from '#lib/favorites/MemberStations';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { logger } from '#lib/logger/logger';
import { postNotice } from '#lib/playback/notices';
import { SleepTimers } from '#lib/playback/SleepTimers';
import { discoverServers } from '#lib/stations/directory/discoverServers';
import { RadioDirectory } from '#lib/stations/directory/RadioDirectory';
import { ListeningStats } from '#lib/stats/ListeningStats';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

/** How often expired cache entries are dropped (housekeeping, not a policy). */
const CacheSweepIntervalMs = 60_000;

/** What listeners use around playback: the station directory, favourites, sleep timers and listening statistics. */
export function setupListening(): void {
	const { config } = container;
	const log = logger.child({ area: 'listening' });
	container.memberActions = new ChangeBudget({ changes: config.limits.memberActions, windowMs: config.limits.memberWindowSeconds * 1_000 });
	container.directory = config.directory.enabled ? createDirectory() : null;
	container.memberStations = new MemberStations({ store: () => container.settings, maxFavorites: config.favorites.maxPerMember, log });
	// Favourites follow a member across servers, so across instances: another's change drops our copy at once.
	container.settings.onChange((change) => container.memberStations.changedElsewhere(change));
	setInterval(() => {
		container.directory?.sweep();
		container.memberStations.sweep();
	}, CacheSweepIntervalMs).unref();

	container.sleepTimers = new SleepTimers({
		voice: container.voice,
		store: () => container.settings,
		log,
		onSlept: (session) =>
			void postNotice(container.notices, session, (t) => ({
				content: translate(t, Radio.NoticeSleep, {
					station: markdownText(session.station.name, QuotedTextLength),
					channel: `<#${session.channelId}>`
				})
			}))
	});

	container.listeningStats = new ListeningStats({
		sessions: () => container.voice.activeSessions,
		humans: (session) => {
			const guild = container.client.guilds.cache.get(session.guildId);
			return guild ? humansInChannel(guild, session.channelId) : 0;
		},
		store: () => container.settings,
		flushIntervalMs: config.stats.flushSeconds * 1_000,
		retentionDays: config.stats.retentionDays,
		maxStationsPerDay: config.stats.maxStationsPerDay,
		log
	});
	container.listeningStats.start();
}

function createDirectory(): RadioDirectory {
	const { config } = container;
	const { directory } = config;
	const requests = new ChangeBudget({ changes: directory.maxRequests, windowMs: directory.requestsWindowSeconds * 1_000 });
	return new RadioDirectory({
		baseUrl: directory.baseUrl,
		discover: () => discoverServers(directory.discoveryHost),
		discoveryTtlMs: directory.discoveryTtlSeconds * 1_000,
		userAgent: config.stream.userAgent,
		timeoutMs: directory.requestTimeoutMs,
		maxResponseBytes: directory.maxResponseBytes,
		cacheTtlMs: directory.cacheTtlSeconds * 1_000,
		resultLimit: directory.resultLimit,
		policy: { allowPrivateAddresses: config.stream.allowPrivateAddresses },
		takeRequest: () => requests.take('directory') === null,
		log: logger.child({ area: 'directory' })
	});
}
