import { ApplyOptions } from '@sapphire/decorators';
import { Listener } from '@sapphire/framework';
import { Events, type VoiceState } from 'discord.js';
import { becomeStageSpeaker } from '#lib/discord/becomeStageSpeaker';

/** Whatever put the bot on a stage (play, 24/7, resume), it asks to be heard as soon as Discord seats it in the audience. */
@ApplyOptions<Listener.Options>({ event: Events.VoiceStateUpdate })
export class BecomeStageSpeakerListener extends Listener<typeof Events.VoiceStateUpdate> {
	public async run(_previous: VoiceState, state: VoiceState) {
		try {
			const action = await becomeStageSpeaker(state);
			if (action !== 'none') this.container.logger.info({ guildId: state.guild.id, channelId: state.channelId, action }, 'stage speaker');
		} catch (error) {
			this.container.logger.warn({ err: error, guildId: state.guild.id, channelId: state.channelId }, 'could not become a stage speaker');
		}
	}
}
