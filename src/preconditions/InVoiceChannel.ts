import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';
import { playbackChannel } from '#lib/playback/playbackChannel';

/** The radio needs a channel to play in: the caller's own voice or stage channel, or the server's default one. */
export class InVoiceChannelPrecondition extends Precondition {
	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return this.error({ identifier: Preconditions.GuildOnly });
		return (await playbackChannel(interaction.member)) ? this.ok() : this.error({ identifier: Preconditions.InVoiceChannel });
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		InVoiceChannel: never;
	}
}
