import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';

/** discord.js client errors (gateway, REST) are logged, never thrown into the process. */
@ApplyOptions<Listener.Options>({ event: Events.Error })
export class ClientErrorListener extends Listener<typeof Events.Error> {
	public run(error: Error) {
		this.container.logger.error({ err: error }, 'client error');
	}
}
