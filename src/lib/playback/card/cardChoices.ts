import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import { MaxSwitchChoices } from '#lib/playback/card/cardMessage';
import { alternativeStations } from '#lib/radio-ui/alternatives';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import type { GuildSession } from '#lib/voice/VoiceService';

/**
 * The stations the card's menu offers: after a failover the original first, then the station's fallbacks, then
 * stations like it (similar names, the same format, any), never the one playing; at most Discord's 25.
 */
export async function cardChoices(
	services: { stations(guildId: string): Promise<StationDirectory>; readonly logger: Log },
	session: GuildSession
): Promise<Station[]> {
	let catalog: StationDirectory;
	try {
		catalog = await services.stations(session.guildId);
	} catch (error) {
		services.logger.warn({ err: error, guildId: session.guildId }, 'stations unavailable: the card offers none to switch to');
		return [];
	}
	const original = session.failoverFrom ?? session.station;
	const fallbacks = (original.fallback ?? []).map((id) => catalog.exact(id)).filter((station) => station !== null);
	const candidates = [
		...(session.failoverFrom ? [original] : []),
		...fallbacks,
		...alternativeStations(catalog, session.station, MaxSwitchChoices)
	];
	const unique = new Map(candidates.filter((station) => station.id !== session.station.id).map((station) => [station.id, station]));
	return [...unique.values()].slice(0, MaxSwitchChoices);
}
