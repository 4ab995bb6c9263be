import { ApplyOptions } from '@sapphire/decorators';
import { Listener } from '@sapphire/framework';
import { SubcommandPluginEvents, type ChatInputSubcommandErrorPayload } from '@sapphire/plugin-subcommands';
import { reportInteractionError } from '#lib/discord/reportError';

/** Subcommand errors skip ChatInputCommandError: without this listener they would go unanswered. */
@ApplyOptions<Listener.Options>({ event: SubcommandPluginEvents.ChatInputSubcommandError })
export class ChatInputSubcommandErrorListener extends Listener<typeof SubcommandPluginEvents.ChatInputSubcommandError> {
	public async run(error: unknown, { interaction, command, matchedSubcommandMapping }: ChatInputSubcommandErrorPayload) {
		await reportInteractionError(
			this.container,
			interaction,
			error,
			{ command: `${command.name} ${matchedSubcommandMapping.name}` },
			'command failed'
		);
	}
}
