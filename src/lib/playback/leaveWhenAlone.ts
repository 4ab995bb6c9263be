import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { postNotice } from '#lib/playback/notices';
import type { GuildSession } from '#lib/voice/VoiceService';
import { commandMention } from '#lib/discord/commandMention';

/**
 * Starts the "leave when alone" countdown if nobody listens in the session's channel, and cancels it when somebody
 * does. A 24/7 server's own channel is exempt: there the bot stays, alone or not.
 */
export async function watchIdle(guild: Guild, session: GuildSession): Promise<void> {
	const { idleWatcher, voice, logger } = container;
	if (humansInChannel(guild, session.channelId) > 0) {
		idleWatcher.cancel(session.guildId);
		return;
	}
	if (await keepsChannel(session)) return;
	// The settings read took a moment: act on the session and channel as they are now.
	const current = voice.sessionFor(session.guildId);
	if (current?.channelId !== session.channelId || humansInChannel(guild, session.channelId) > 0) return;
	idleWatcher.start(session.guildId, () => {
		const ended = voice.stop(session.guildId, 'idle');
		if (!ended) return;
		logger.info({ guildId: ended.guildId, channelId: ended.channelId }, 'left an empty channel');
		void postNotice(ended, (t) => ({
			content: translate(t, Radio.NoticeIdleLeft, { channel: `<#${ended.channelId}>`, command: commandMention('radio play') })
		}));
	});
}

/** True when the server has 24/7 on for exactly this channel; an unreadable store counts as yes (staying is harmless). */
async function keepsChannel(session: GuildSession): Promise<boolean> {
	try {
		const settings = await container.settings.guild(session.guildId);
		return settings.autoJoin && settings.voiceChannelId === session.channelId;
	} catch (error) {
		container.logger.warn({ err: error, guildId: session.guildId }, 'server settings unreadable: not leaving an empty channel');
		return true;
	}
}
