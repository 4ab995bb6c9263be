import type { TFunction } from '@sapphire/plugin-i18next';
import { EmbedBuilder, time, TimestampStyles } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { DiscordLimits } from '#lib/discord/limits';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { TitleHistoryEntry } from '#lib/stations/nowPlaying/TitleHistory';
import { joinWithin, markdownText } from '#lib/text/userText';

/** Room per line so that a full history (20 songs) fits one embed description: a time, the title and the station. */
const TitleLength = 140;
const StationNameLength = 40;

/** `/radio history`: the last songs heard, newest first; titles are the stations' text, so escaped and cut to fit. */
export function historyEmbed(t: TFunction, entries: readonly TitleHistoryEntry[], stationName: (stationId: string) => string): EmbedBuilder {
	const lines = entries.map(
		(entry) =>
			`${time(entry.at, TimestampStyles.ShortTime)} · **${markdownText(entry.title, TitleLength)}** · ${markdownText(stationName(entry.stationId), StationNameLength)}`
	);
	return new EmbedBuilder()
		.setColor(Colors.Radio)
		.setTitle(translate(t, Radio.HistoryTitle))
		.setDescription(lines.length ? joinWithin(lines, DiscordLimits.EmbedDescription) : translate(t, Radio.HistoryEmpty));
}
