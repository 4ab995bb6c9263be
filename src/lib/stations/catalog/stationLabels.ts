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
	return onAirFirst(
		catalog.search(query, MaxChoices).map(({ station }) => station),
		isOffAir
	).map((station) => stationChoice(station));
}

/** The stations known to be off air moved after the others, each group kept in its order. */
export function onAirFirst(stations: readonly Station[], isOffAir: (stationId: string) => boolean): Station[] {
	return [...stations.filter((station) => !isOffAir(station.id)), ...stations.filter((station) => isOffAir(station.id))];
}

/** One station as an autocomplete choice, after an optional mark ("★ BBC Radio 1 · 128 kbps AAC"). */
export function stationChoice(station: Station, mark = ''): ApplicationCommandOptionChoiceData<string> {
	const badge = ` · ${stationBadge(station)}`;
	const prefix = mark ? `${mark} ` : '';
	const room = MaxChoiceLength - badge.length - prefix.length;
	const plain = plainText(station.name);
	const name = plain.length > room ? `${plain.slice(0, room - 1)}…` : plain;
	return { name: `${prefix}${name}${badge}`, value: station.id };
}

/** "128 kbps AAC": what a listener checks before picking a stream; just "AAC" when the bitrate is unknown (0, custom stations). */
export function stationBadge(station: Pick<Station, 'bitrate' | 'format'>): string {
	return station.bitrate > 0 ? `${station.bitrate} kbps ${station.format}` : station.format;
}
