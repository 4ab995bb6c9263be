import { Precondition } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
import type { ChatInputCommandInteraction } from 'discord.js';
import { botJoinDenial } from '#lib/discord/botJoinProblem';

/** The bot can see, join and be heard in the caller's voice channel; callers not in voice pass (InVoiceChannel says why). */
export class BotCanJoinPrecondition extends Precondition {
	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return this.ok();
		const channel = interaction.guild.voiceStates.cache.get(interaction.user.id)?.channel;
		if (!channel) return this.ok();
		const denial = botJoinDenial(await fetchT(interaction), channel);
		return denial ? this.error({ identifier: denial.key, context: denial.variables }) : this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		BotCanJoin: never;
	}
}
