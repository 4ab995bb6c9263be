import { container } from '@sapphire/framework';
import type { Station } from '#lib/config/types';

/** The station with exactly this id that this guild can play: config stations and the guild's own custom stations. */
export async function stationForGuild(guildId: string, stationId: string): Promise<Station | null> {
	const catalog = await container.guildStations.forGuild(guildId);
	const station = catalog.exact(stationId);
	return station?.id === stationId ? station : null;
}
