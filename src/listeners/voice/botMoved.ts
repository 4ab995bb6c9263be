import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { VoiceState } from 'discord.js';

/** Someone moved the bot to another voice channel: the session (and what a restart resumes) follows it. */
@ApplyOptions<Listener.Options>({ event: Events.VoiceStateUpdate })
export class BotMovedListener extends Listener<typeof Events.VoiceStateUpdate> {
	public run(_: VoiceState, newState: VoiceState) {
		if (newState.id !== newState.client.user.id || !newState.channelId) return;
		this.container.voice.channelMoved(newState.guild.id, newState.channelId);
	}
}
