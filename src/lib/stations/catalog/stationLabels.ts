import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { plainText } from '#lib/text/userText';
import type { Station } from '#lib/config/types';

/** Discord's limits for autocomplete answers. */
export const MaxChoices = 25;
export const MaxChoiceLength = 100;

/**
 * "BBC Radio 1 · 128 kbps AAC", the name shortened (never the badge) to fit Discord's 100 characters. Stations known to
 * be off air come after the others, each group in match order.
 */
export function stationChoices(
	catalog: StationDirectory,
	query: string,
	isOffAir: (stationId: string) => boolean = () => false
): ApplicationCommandOptionChoiceData<string>[] {
	const matches = catalog.search(query, MaxChoices);
	const onAirFirst = [...matches.filter(({ station }) => !isOffAir(station.id)), ...matches.filter(({ station }) => isOffAir(station.id))];
	return onAirFirst.map(({ station }) => {
		const badge = ` · ${stationBadge(station)}`;
		const room = MaxChoiceLength - badge.length;
		const plain = plainText(station.name);
		const name = plain.length > room ? `${plain.slice(0, room - 1)}…` : plain;
		return { name: `${name}${badge}`, value: station.id };
	});
}

/** "128 kbps AAC": what a listener checks before picking a stream; just "AAC" when the bitrate is unknown (0, custom stations). */
export function stationBadge(station: Pick<Station, 'bitrate' | 'format'>): string {
	return station.bitrate > 0 ? `${station.bitrate} kbps ${station.format}` : station.format;
}
