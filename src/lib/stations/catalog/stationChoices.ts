import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { stationBadge } from '#lib/stations/catalog/stationBadge';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { plainText } from '#lib/text/userText';

/** Discord's limits for autocomplete answers. */
export const MaxChoices = 25;
export const MaxChoiceLength = 100;

/** "BBC Radio 1 · 128 kbps AAC", the name shortened (never the badge) to fit Discord's 100 characters. */
export function stationChoices(catalog: StationDirectory, query: string): ApplicationCommandOptionChoiceData<string>[] {
	return catalog.search(query, MaxChoices).map(({ station }) => {
		const badge = ` · ${stationBadge(station)}`;
		const room = MaxChoiceLength - badge.length;
		const plain = plainText(station.name);
		const name = plain.length > room ? `${plain.slice(0, room - 1)}…` : plain;
		return { name: `${name}${badge}`, value: station.id };
	});
}
