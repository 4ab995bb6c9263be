import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { administratorDenial } from '#lib/discord/memberAccess';

/** Server managers only: Manage Server, or Administrator. */
export class AdministratorPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const denial = administratorDenial(interaction);
		return denial ? this.error({ identifier: denial.key, context: denial.variables }) : this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		Administrator: never;
	}
}
