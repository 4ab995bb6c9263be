import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { VoiceState } from 'discord.js';

/** Nobody left to listen: after the configured time alone, stop the radio and say so where it was started (not in a 24/7 channel). */
@ApplyOptions<Listener.Options>({ event: Events.VoiceStateUpdate })
export class LeaveWhenAloneListener extends Listener<typeof Events.VoiceStateUpdate> {
	public async run(oldState: VoiceState, newState: VoiceState) {
		const session = this.container.voice.sessionFor(newState.guild.id);
		if (!session || (oldState.channelId !== session.channelId && newState.channelId !== session.channelId)) return;
		await this.container.leaveWhenAlone.watch(newState.guild, session);
	}
}
