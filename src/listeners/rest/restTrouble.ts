import { ApplyOptions } from '@sapphire/decorators';
import { Listener } from '@sapphire/framework';
import { restTrouble, type RestExchange } from '#lib/discord/restTrouble';

/** Rate limits and Discord server errors that @discordjs/rest absorbs (waits, retries) get a log line naming them. */
@ApplyOptions<Listener.Options>({ emitter: 'rest', event: 'response' })
export class RestTroubleListener extends Listener {
	public run(request: Pick<RestExchange, 'method' | 'route' | 'retries'>, response: Pick<RestExchange, 'status' | 'headers'>) {
		const { method, route, retries } = request;
		const trouble = restTrouble(
			{ method, route, retries, status: response.status, headers: response.headers },
			this.container.client.rest.options.retries
		);
		if (trouble) this.container.logger.warn({ area: 'discord-rest', ...trouble.fields }, trouble.message);
	}
}
