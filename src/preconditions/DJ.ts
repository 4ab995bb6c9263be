import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { djDenial } from '#lib/discord/memberAccess';

/** Playback control: the server's DJ role or a server manager; everyone when no DJ role is set. */
export class DJPrecondition extends Precondition {
	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const denial = await djDenial(this.container, interaction);
		return denial ? this.error({ identifier: denial.key, context: denial.variables }) : this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		DJ: never;
	}
}
