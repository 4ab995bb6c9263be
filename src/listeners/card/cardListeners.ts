import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { VoiceState } from 'discord.js';

/** Someone joined or left the radio's channel: the card's listener count follows (throttled per card). */
@ApplyOptions<Listener.Options>({ event: Events.VoiceStateUpdate })
export class CardListenersListener extends Listener<typeof Events.VoiceStateUpdate> {
	public run(oldState: VoiceState, newState: VoiceState) {
		const session = this.container.voice.sessionFor(newState.guild.id);
		if (!session || oldState.channelId === newState.channelId) return;
		if (oldState.channelId === session.channelId || newState.channelId === session.channelId) this.container.cards.refresh(session.guildId);
	}
}
