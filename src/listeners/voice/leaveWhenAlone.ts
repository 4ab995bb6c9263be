import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { VoiceState } from 'discord.js';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { postNotice } from '#lib/radio/notices';

/** Nobody left to listen: after the configured time alone, stop the radio and say so where it was started. */
@ApplyOptions<Listener.Options>({ event: Events.VoiceStateUpdate })
export class LeaveWhenAloneListener extends Listener<typeof Events.VoiceStateUpdate> {
	public run(oldState: VoiceState, newState: VoiceState) {
		const { voice, idleWatcher } = this.container;
		const session = voice.sessionFor(newState.guild.id);
		if (!session || (oldState.channelId !== session.channelId && newState.channelId !== session.channelId)) return;

		if (humansInChannel(newState.guild, session.channelId) > 0) {
			idleWatcher.cancel(session.guildId);
			return;
		}
		idleWatcher.start(session.guildId, () => {
			const ended = voice.stop(session.guildId);
			if (!ended) return;
			this.container.logger.info({ guildId: ended.guildId, channelId: ended.channelId }, 'left an empty channel');
			void postNotice(ended, (t) => ({ content: translate(t, Radio.NoticeIdleLeft, { channel: `<#${ended.channelId}>` }) }));
		});
	}
}
