import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';

/** The caller must be in a voice or stage channel of this server: that is where the radio plays. */
export class InVoiceChannelPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return this.error({ identifier: Preconditions.GuildOnly });
		const channelId = interaction.guild.voiceStates.cache.get(interaction.user.id)?.channelId;
		return channelId ? this.ok() : this.error({ identifier: Preconditions.InVoiceChannel });
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		InVoiceChannel: never;
	}
}
