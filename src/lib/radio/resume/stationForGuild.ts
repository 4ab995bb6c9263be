import { container } from '@sapphire/framework';
import type { Station } from '#lib/config/types';

/** The station with exactly this id that this guild can play (config stations; per-guild custom stations once wired). */
export function stationForGuild(guildId: string, stationId: string): Promise<Station | null> {
	// Hook for per-guild catalogs (custom stations): look there first once `container.guildCatalogs` exists.
	void guildId;
	return Promise.resolve(container.stations.stations.find((station) => station.id === stationId) ?? null);
}
