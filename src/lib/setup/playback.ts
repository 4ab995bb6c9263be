import { container } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
import { ChangeBudget } from '#lib/discord/ChangeBudget';
import { CommandMentions } from '#lib/discord/commandMention';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import { ChannelStatus } from '#lib/playback/ChannelStatus';
import { NowPlayingCards } from '#lib/playback/card/NowPlayingCards';
import { LeaveWhenAlone } from '#lib/playback/leaveWhenAlone';
import { postNotice, setVoiceStatus, type NoticeServices } from '#lib/playback/notices';

/** Notices and voice channel statuses reach Discord through the logged-in client. */
export function noticeServices(log: Log): NoticeServices {
	return {
		guild: (guildId) => container.client.guilds.cache.get(guildId),
		settings: container.settings,
		tFor: container.tFor,
		rest: container.client.rest,
		logger: log
	};
}

/** What playback needs around the voice service: channel statuses, leave-when-alone, rate limits, command mentions. */
export function setupPlayback(log: Log): void {
	const { config } = container;
	container.tFor = (target) => fetchT(target);
	const notices = noticeServices(log);
	container.notices = notices;
	container.mentions = new CommandMentions(() => container.client.application?.commands.cache.values());
	container.channelStatus = new ChannelStatus({
		put: (session, status) => setVoiceStatus(notices, session, status),
		intervalMs: config.voice.statusIntervalSeconds * 1_000
	});
	container.cards = new NowPlayingCards({
		guild: (guildId) => container.client.guilds.cache.get(guildId),
		settings: container.settings,
		tFor: container.tFor,
		voice: container.voice,
		stations: (guildId) => container.guildStations.forGuild(guildId),
		notices,
		mentions: container.mentions,
		onCardChanged: (guildId) => {
			const session = container.voice.sessionFor(guildId);
			if (session) container.sessionRecorder.save(session);
		},
		intervalMs: config.voice.cardIntervalSeconds * 1_000,
		logger: log
	});
	container.leaveWhenAlone = new LeaveWhenAlone({
		timeoutMs: config.voice.idleTimeoutSeconds * 1_000,
		voice: container.voice,
		settings: container.settings,
		logger: log,
		onLeft: (ended) =>
			void postNotice(notices, ended, (t) => ({
				content: translate(t, Radio.NoticeIdleLeft, { channel: `<#${ended.channelId}>`, command: container.mentions.of('radio play') })
			}))
	});
	container.playbackChanges = new ChangeBudget({ changes: config.limits.playbackChanges, windowMs: config.limits.playbackWindowSeconds * 1_000 });
	container.setupChanges = new ChangeBudget({ changes: config.limits.setupChanges, windowMs: config.limits.setupWindowSeconds * 1_000 });
}
