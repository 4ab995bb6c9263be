import { ApplyOptions } from '@sapphire/decorators';
import { Listener, type UserError } from '@sapphire/framework';
import { SubcommandPluginEvents, type ChatInputSubcommandDeniedPayload } from '@sapphire/plugin-subcommands';
import { denialOf, replyDenial } from '#lib/discord/replyDenial';

/** Subcommand preconditions report here, not to ChatInputCommandDenied. */
@ApplyOptions<Listener.Options>({ event: SubcommandPluginEvents.ChatInputSubcommandDenied })
export class ChatInputSubcommandDeniedListener extends Listener<typeof SubcommandPluginEvents.ChatInputSubcommandDenied> {
	public async run(error: UserError, { interaction }: ChatInputSubcommandDeniedPayload) {
		await replyDenial(this.container, interaction, denialOf(error));
	}
}
