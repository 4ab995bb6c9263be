import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Station } from '#lib/config/types';
import { keptToStation } from '#lib/playback/findStation';
import type { MemberStationsRecord } from '#lib/settings/types';
import { MaxChoices, onAirFirst, stationChoice } from '#lib/stations/catalog/stationLabels';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';

/** Marks before a pinned station's name: the one playing here, the member's last one, their favourites. */
export const ChoiceMarks = { Playing: '▶', Last: '↩', Favorite: '★' } as const;

export interface PinnedStation {
	readonly station: Station;
	readonly mark: string;
}

/**
 * The member's own stations that play in this server, in the order autocomplete shows them: `first` (e.g. the station
 * playing now), their last station, then their favourites, newest first. Kept stations this server cannot play (another
 * server's own station) are left out.
 */
export function pinnedStations(
	record: MemberStationsRecord | null,
	catalog: StationDirectory,
	guildId: string,
	{ first = [], last = true }: { first?: readonly PinnedStation[]; last?: boolean } = {}
): PinnedStation[] {
	const pinned: PinnedStation[] = [...first];
	const add = (station: Station | null, mark: string) => {
		if (station && !pinned.some((entry) => entry.station.id === station.id)) pinned.push({ station, mark });
	};
	if (record?.last && last) add(keptToStation(record.last, catalog, guildId), ChoiceMarks.Last);
	for (const favorite of [...(record?.favorites ?? [])].reverse()) add(keptToStation(favorite, catalog, guildId), ChoiceMarks.Favorite);
	return pinned;
}

/**
 * Autocomplete: the pinned stations matching what was typed (in their order: the member chose them), then the catalog's
 * matches with those known to be off air last, at most 25.
 */
export function choicesWithPinned(
	pinned: readonly PinnedStation[],
	catalog: StationDirectory,
	query: string,
	isOffAir: (stationId: string) => boolean = () => false
): ApplicationCommandOptionChoiceData<string>[] {
	const typed = query.trim().toLowerCase();
	const matching = pinned.filter(
		({ station }) => !typed || station.id === query.trim() || station.name.toLowerCase().includes(typed) || station.aliases.includes(typed)
	);
	const ids = new Set(matching.map(({ station }) => station.id));
	const rest = onAirFirst(
		catalog
			.search(query, MaxChoices)
			.map(({ station }) => station)
			.filter((station) => !ids.has(station.id)),
		isOffAir
	);
	return [...matching.map(({ station, mark }) => stationChoice(station, mark)), ...rest.map((station) => stationChoice(station))].slice(
		0,
		MaxChoices
	);
}
