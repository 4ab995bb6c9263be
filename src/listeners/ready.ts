import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { Client } from 'discord.js';

@ApplyOptions<Listener.Options>({ event: Events.ClientReady, once: true })
export class ReadyListener extends Listener<typeof Events.ClientReady> {
	public run(client: Client<true>) {
		this.container.logger.info(
			{
				user: client.user.tag,
				guilds: client.guilds.cache.size,
				stations: this.container.stations.size,
				languages: this.container.i18n.languages.size
			},
			'ready'
		);
		// From now on this process reports its counts to the others (through Redis, when shared).
		this.container.cluster.start();
	}
}
