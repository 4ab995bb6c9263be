import { container } from '@sapphire/framework';
import type { Station } from '#lib/config/types';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';

/**
 * The station with exactly this id that this guild can play: config stations and the guild's own custom stations.
 * Throws when the guild's stations cannot be read, so that a busy database is retried, never taken for "station gone".
 */
export async function stationInCatalogs(catalogs: GuildCatalogs, guildId: string, stationId: string): Promise<Station | null> {
	const station = (await catalogs.forGuild(guildId, { strict: true })).exact(stationId);
	return station?.id === stationId ? station : null;
}

export function stationForGuild(guildId: string, stationId: string): Promise<Station | null> {
	return stationInCatalogs(container.guildStations, guildId, stationId);
}
