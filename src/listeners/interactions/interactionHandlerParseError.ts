import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener, type InteractionHandlerParseError } from '@sapphire/framework';
import { reportInteractionError } from '#lib/discord/reportError';

/** A handler threw while deciding whether the interaction is its own: nobody else will answer it, so we do, with a reference. */
@ApplyOptions<Listener.Options>({ event: Events.InteractionHandlerParseError })
export class InteractionHandlerParseErrorListener extends Listener<typeof Events.InteractionHandlerParseError> {
	public async run(error: unknown, { interaction, handler }: InteractionHandlerParseError) {
		await reportInteractionError(this.container, interaction, error, { handler: handler.name, phase: 'parse' }, 'interaction handler failed');
	}
}
