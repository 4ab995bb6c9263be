import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener, type ChatInputCommandErrorPayload } from '@sapphire/framework';
import { reportInteractionError } from '#lib/discord/reportError';

@ApplyOptions<Listener.Options>({ event: Events.ChatInputCommandError })
export class ChatInputCommandErrorListener extends Listener<typeof Events.ChatInputCommandError> {
	public async run(error: unknown, { interaction, command }: ChatInputCommandErrorPayload) {
		await reportInteractionError(this.container, interaction, error, { command: command.name }, 'command failed');
	}
}
