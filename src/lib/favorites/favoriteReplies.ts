import type { TFunction } from '@sapphire/plugin-i18next';
import { EmbedBuilder } from 'discord.js';
import type { Station } from '#lib/config/types';
import { Colors } from '#lib/discord/colors';
import type { CommandMentions } from '#lib/discord/commandMention';
import { DiscordLimits } from '#lib/discord/limits';
import { ChoiceMarks } from '#lib/favorites/favoriteChoices';
import type { FavoriteChange } from '#lib/favorites/MemberStations';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { MemberStationsRecord } from '#lib/settings/types';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import { joinWithin, markdownText, QuotedTextLength } from '#lib/text/userText';

/** What a favourite toggle did, in words. */
export function favoriteChangeReply(t: TFunction, mentions: CommandMentions, station: Station, change: FavoriteChange, max: number): string {
	const name = markdownText(station.name, QuotedTextLength);
	switch (change.kind) {
		case 'added':
			return translate(t, Radio.FavoriteAdded, { station: name, favorites: change.count, max, command: mentions.of('radio play') });
		case 'removed':
			return translate(t, Radio.FavoriteRemoved, { station: name });
		case 'limit':
			return translate(t, Radio.FavoriteLimit, { max: change.max, command: mentions.of('radio favorite') });
	}
}

/** `/radio favorite` without a station: the member's favourites, newest first. */
export function favoritesEmbed(t: TFunction, mentions: CommandMentions, record: MemberStationsRecord): EmbedBuilder {
	const lines = [...record.favorites]
		.reverse()
		.map(
			(favorite) =>
				`${ChoiceMarks.Favorite} **${markdownText(favorite.name, QuotedTextLength)}** · ${stationBadge({ format: favorite.format as Station['format'], bitrate: favorite.bitrate })}`
		);
	return new EmbedBuilder()
		.setColor(Colors.Radio)
		.setTitle(translate(t, Radio.FavoriteListTitle))
		.setDescription(
			lines.length
				? joinWithin(lines, DiscordLimits.EmbedDescription)
				: translate(t, Radio.FavoriteListEmpty, { command: mentions.of('radio favorite') })
		);
}
