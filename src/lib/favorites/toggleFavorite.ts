import type { TFunction } from '@sapphire/plugin-i18next';
import type { CommandMentions } from '#lib/discord/commandMention';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { favoriteChangeReply } from '#lib/favorites/favoriteReplies';
import type { MemberStations } from '#lib/favorites/MemberStations';
import type { TypedT } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import { findStation, type StationLookup, type StationLookupServices } from '#lib/playback/findStation';

export interface FavoriteServices extends StationLookupServices {
	readonly memberStations: Pick<MemberStations, 'get' | 'toggle' | 'max'>;
	readonly mentions: CommandMentions;
	readonly logger: Log;
}

/**
 * Adds the station the member means to their favourites, or removes it. Returns the reply; `unknown` answers a station
 * that cannot be found. A storage failure is answered with the storage message (nothing changed).
 */
export async function toggleFavorite(services: FavoriteServices, t: TFunction, lookup: StationLookup, unknown: () => string): Promise<string> {
	const station = await findStation(services, lookup);
	if (!station) return unknown();
	try {
		const change = await services.memberStations.toggle(lookup.userId, station);
		services.logger.info({ userId: lookup.userId, station: station.id, change: change.kind }, 'favourite changed');
		return favoriteChangeReply(t, services.mentions, station, change, services.memberStations.max);
	} catch (error) {
		const denial = settingsUnavailableDenial(error, lookup.guildId, services.logger);
		return t(denial.key as TypedT, { ...denial.variables });
	}
}
