import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Station } from '#lib/config/types';
import { DiscordLimits } from '#lib/discord/limits';
import { playStationId } from '#lib/discord/customIds';
import { labelText } from '#lib/text/userText';

/** A row of buttons that each play a station; an optional first button (Retry) replays `retry`. */
export function stationButtonRow(stations: readonly Station[], retry?: { station: Station; label: string }): ActionRowBuilder<ButtonBuilder> {
	const row = new ActionRowBuilder<ButtonBuilder>();
	if (retry) {
		row.addComponents(
			new ButtonBuilder().setCustomId(playStationId(retry.station.id)).setLabel(retry.label).setStyle(ButtonStyle.Primary).setEmoji('🔁')
		);
	}
	for (const station of stations.slice(0, retry ? 4 : 5)) {
		row.addComponents(
			new ButtonBuilder()
				.setCustomId(playStationId(station.id))
				.setLabel(labelText(station.name, DiscordLimits.ButtonLabel))
				.setStyle(ButtonStyle.Secondary)
				.setEmoji('📻')
		);
	}
	return row;
}
