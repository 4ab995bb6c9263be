import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener, type InteractionHandlerError } from '@sapphire/framework';
import { reportInteractionError } from '#lib/discord/reportError';

/** A button, menu, modal or autocomplete handler threw while running: answered like a failed command, with a reference. */
@ApplyOptions<Listener.Options>({ event: Events.InteractionHandlerError })
export class InteractionHandlerErrorListener extends Listener<typeof Events.InteractionHandlerError> {
	public async run(error: unknown, { interaction, handler }: InteractionHandlerError) {
		await reportInteractionError(this.container, interaction, error, { handler: handler.name, phase: 'run' }, 'interaction handler failed');
	}
}
