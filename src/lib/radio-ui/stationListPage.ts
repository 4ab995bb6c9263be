import type { TFunction } from '@sapphire/plugin-i18next';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	EmbedBuilder,
	StringSelectMenuBuilder,
	type MessageActionRowComponentBuilder
} from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { CustomIdPrefix, listPageId } from '#lib/discord/customIds';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { DiscordLimits } from '#lib/discord/limits';
import { labelText, markdownText, QuotedTextLength } from '#lib/text/userText';
import type { HealthState } from '#lib/stations/health/StationHealth';

export const StationsPerPage = 10;

export interface StationListMessage {
	embeds: EmbedBuilder[];
	components: ActionRowBuilder<MessageActionRowComponentBuilder>[];
}

/**
 * One page of the station list: 10 stations with an on-air or off-air badge where their health is known, Previous/Next,
 * "page x/y", and a menu that plays the chosen one.
 */
export function stationListPage(
	t: TFunction,
	catalog: StationDirectory,
	query: string,
	requestedPage: number,
	health: (stationId: string) => HealthState = () => 'unknown'
): StationListMessage {
	const healthBadge = (stationId: string) => {
		const state = health(stationId);
		return state === 'unknown' ? '' : ` · ${translate(t, state === 'up' ? Radio.ListOnAir : Radio.ListOffAir)}`;
	};
	const matches = query.trim() ? catalog.search(query, catalog.size).map((match) => match.station) : [...catalog.stations];
	const pageCount = Math.max(1, Math.ceil(matches.length / StationsPerPage));
	const page = Math.min(Math.max(1, requestedPage), pageCount);
	const stations = matches.slice((page - 1) * StationsPerPage, page * StationsPerPage);

	const embed = new EmbedBuilder()
		.setColor(Colors.Radio)
		.setTitle(
			query.trim() ? translate(t, Radio.ListTitleSearch, { query: markdownText(query, QuotedTextLength) }) : translate(t, Radio.ListTitle)
		)
		.setFooter({ text: translate(t, Radio.ListFooter, { page, pages: pageCount, count: matches.length }) });
	embed.setDescription(
		stations.length
			? stations
					.map(
						(station) =>
							`**${markdownText(station.name, QuotedTextLength)}** · ${stationBadge(station)}${healthBadge(station.id)}${station.description ? `\n${markdownText(station.description, 200)}` : ''}`
					)
					.join('\n\n')
			: translate(t, Radio.ListEmpty)
	);

	const components: ActionRowBuilder<MessageActionRowComponentBuilder>[] = [];
	if (pageCount > 1) {
		components.push(
			new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
				new ButtonBuilder()
					.setCustomId(listPageId(page - 1, query, 'previous'))
					.setLabel(translate(t, Radio.ListPrevious))
					.setStyle(ButtonStyle.Secondary)
					.setDisabled(page === 1),
				new ButtonBuilder()
					.setCustomId(listPageId(page + 1, query, 'next'))
					.setLabel(translate(t, Radio.ListNext))
					.setStyle(ButtonStyle.Secondary)
					.setDisabled(page === pageCount)
			)
		);
	}
	if (stations.length) {
		components.push(
			new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
				new StringSelectMenuBuilder()
					.setCustomId(CustomIdPrefix.ListSelect)
					.setPlaceholder(translate(t, Radio.ListSelectPlaceholder))
					.addOptions(
						stations.map((station) => ({
							label: labelText(station.name, DiscordLimits.SelectOptionLabel),
							description: stationBadge(station),
							value: station.id
						}))
					)
			)
		);
	}
	return { embeds: [embed], components };
}
