import type { Station } from '#lib/config/types';
import type { MemberStations } from '#lib/favorites/MemberStations';
import type { MemberStation, MemberStationsRecord } from '#lib/settings/types';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { directoryStation, directoryStationFromMember, directoryUuid } from '#lib/stations/directory/directoryStation';
import type { RadioDirectory } from '#lib/stations/directory/RadioDirectory';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import type { VoiceService } from '#lib/voice/VoiceService';

export interface StationLookupServices {
	readonly guildStations: Pick<GuildCatalogs, 'forGuild'>;
	readonly memberStations: Pick<MemberStations, 'get'>;
	/** Null when the directory is turned off. */
	readonly directory: Pick<RadioDirectory, 'cached' | 'station'> | null;
	readonly voice: Pick<VoiceService, 'sessionFor'>;
}

export interface StationLookup {
	readonly guildId: string;
	readonly userId: string;
	/** A station id (autocomplete's value), name or alias, as typed. */
	readonly query: string;
	/** Called once before the directory is asked over the network (a caller with 3 s to answer defers first). */
	readonly beforeNetwork?: () => Promise<unknown>;
}

/**
 * The station a member means, in their server: a directory station's id (`rb-<uuid>`) is found among their kept
 * stations, the one playing here, then the directory (memory first, then one request); anything else in the server's
 * catalog (config stations and its own), then among their kept stations by name. Null when there is none. The member's
 * record is read (cached); a storage failure there only loses what it would have found.
 */
export async function findStation(services: StationLookupServices, lookup: StationLookup): Promise<Station | null> {
	const { guildId, query } = lookup;
	const kept = await services.memberStations.get(lookup.userId).catch(() => null);
	const uuid = directoryUuid(query.trim());
	if (uuid !== null) {
		const mine = keptStations(kept).find((station) => station.id === query.trim());
		if (mine) return directoryStationFromMember(mine, guildId);
		const playing = services.voice.sessionFor(guildId)?.station;
		if (playing?.id === query.trim()) return playing;
		if (!services.directory) return null;
		const cached = services.directory.cached(uuid);
		if (cached) return directoryStation(cached, guildId);
		await lookup.beforeNetwork?.();
		const entry = await services.directory.station(uuid).catch(() => null);
		return entry ? directoryStation(entry, guildId) : null;
	}
	const catalog = await services.guildStations.forGuild(guildId);
	const found = catalog.resolve(query);
	if (found) return found;
	const wanted = query.trim().toLowerCase();
	const byName = keptStations(kept).find((station) => station.name.toLowerCase() === wanted);
	return byName ? keptToStation(byName, catalog, guildId) : null;
}

/** A kept station as it plays in `guildId` now: the catalog's current one, else (directory) its kept stream; null when not here. */
export function keptToStation(kept: MemberStation, catalog: StationDirectory, guildId: string): Station | null {
	const current = catalog.exact(kept.id);
	if (current?.id === kept.id) return current;
	return directoryStationFromMember(kept, guildId);
}

/** Last first, then favourites newest first, each once. */
function keptStations(record: MemberStationsRecord | null): MemberStation[] {
	if (!record) return [];
	const all = [...(record.last ? [record.last] : []), ...[...record.favorites].reverse()];
	return all.filter((station, index) => all.findIndex((other) => other.id === station.id) === index);
}
