import { addCustomStation, type AddOutcome, type CustomStationServices } from '#lib/stations/custom/customStationChanges';
import { usableName } from '#lib/stations/custom/validateCustomStation';
import type { RadioDirectory } from '#lib/stations/directory/RadioDirectory';

export interface SaveDirectoryServices extends CustomStationServices {
	readonly directory: Pick<RadioDirectory, 'station'>;
}

/**
 * Save under a /radio search result: the directory station becomes one of the server's own stations exactly as
 * /station add makes one (its name made to follow the name rules, its URL checked, preflighted, the limit of 50 and
 * name collisions), and is never trusted more than that. `gone` when the directory no longer has it.
 */
export async function saveDirectoryStation(
	services: SaveDirectoryServices,
	guildId: string,
	uuid: string,
	addedBy: string
): Promise<AddOutcome | { readonly kind: 'gone' }> {
	const entry = await services.directory.station(uuid).catch(() => null);
	if (!entry) return { kind: 'gone' };
	return addCustomStation(services, guildId, { name: usableName(entry.name), url: entry.url, aliases: null, addedBy });
}
