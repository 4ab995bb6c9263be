import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { VoiceState } from 'discord.js';

/**
 * Discord took the bot out of voice (a moderator disconnected it, or its channel was deleted): the session ends now.
 * @discordjs/voice would otherwise rejoin a channel the bot was removed from and wait for an answer that never comes.
 */
@ApplyOptions<Listener.Options>({ event: Events.VoiceStateUpdate })
export class BotRemovedListener extends Listener<typeof Events.VoiceStateUpdate> {
	public run(oldState: VoiceState, newState: VoiceState) {
		if (newState.id !== newState.client.user.id || newState.channelId || !oldState.channelId) return;
		this.container.voice.removedFromChannel(newState.guild.id, oldState.channelId);
	}
}
