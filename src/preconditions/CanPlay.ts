import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { checkPlayback } from '#lib/playback/checkPlayback';

/** /radio play: the playback gate (DJ, a channel to play in that the bot can join, the member's playback budget). */
export class CanPlayPrecondition extends Precondition {
	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const gate = await checkPlayback(this.container, interaction);
		return gate.ok ? this.ok() : this.error({ identifier: gate.denial.key, context: gate.denial.variables });
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		CanPlay: never;
	}
}
