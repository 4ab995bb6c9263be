import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { guildRateLimitDenial } from '#lib/discord/guildRateLimit';

/** Setup and station changes, per server: one admin (or several) cannot churn the settings store in a loop. */
export class GuildRateLimitPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		if (!interaction.guildId) return this.ok();
		const denial = guildRateLimitDenial(interaction.guildId);
		return denial ? this.error({ identifier: denial.key, context: denial.variables }) : this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		GuildRateLimit: never;
	}
}
