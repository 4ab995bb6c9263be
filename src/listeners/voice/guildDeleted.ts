import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import type { Guild } from 'discord.js';

/** The bot was removed from a server (not an outage: discord.js reports those as unavailable): end and forget its session. */
@ApplyOptions<Listener.Options>({ event: Events.GuildDelete })
export class GuildDeletedListener extends Listener<typeof Events.GuildDelete> {
	public run(guild: Guild) {
		const { voice, sessionRecorder, sessionRestorer } = this.container;
		sessionRestorer.cancel(guild.id);
		if (!voice.stop(guild.id, 'guildDeleted')) sessionRecorder.forget(guild.id);
	}
}
