import type { TFunction } from '@sapphire/plugin-i18next';
import { EmbedBuilder } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import type { CommandMentions } from '#lib/discord/commandMention';
import { DiscordLimits } from '#lib/discord/limits';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { ListeningSummary } from '#lib/stats/listeningRecord';
import type { ListeningReport } from '#lib/stats/ListeningStats';
import { joinWithin, markdownText } from '#lib/text/userText';

const StationNameLength = 60;

/** /radio stats: listening today, over 7 and 30 days, and the most listened stations of the 30 days. */
export function statsEmbed(t: TFunction, mentions: CommandMentions, report: ListeningReport): EmbedBuilder {
	const embed = new EmbedBuilder().setColor(Colors.Radio).setTitle(translate(t, Radio.StatsTitle));
	if (report.month.seconds === 0) return embed.setDescription(translate(t, Radio.StatsEmpty, { command: mentions.of('radio play') }));
	const period = (summary: ListeningSummary) => `${duration(t, summary.seconds)}\n👥 ${duration(t, summary.listenerSeconds)}`;
	const top = report.month.top.map(
		(station, index) => `\`${index + 1}.\` **${markdownText(station.name, StationNameLength)}** · ${duration(t, station.seconds)}`
	);
	return embed
		.addFields(
			{ name: translate(t, Radio.StatsTodayField), value: period(report.today), inline: true },
			{ name: translate(t, Radio.StatsWeekField), value: period(report.week), inline: true },
			{ name: translate(t, Radio.StatsMonthField), value: period(report.month), inline: true },
			{ name: translate(t, Radio.StatsTopField), value: joinWithin(top, DiscordLimits.EmbedFieldValue) }
		)
		.setFooter({ text: translate(t, Radio.StatsFooter) });
}

/** Whole minutes: "3 h 5 min", or "5 min" under an hour. */
export function duration(t: TFunction, seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	const hours = Math.floor(minutes / 60);
	return hours > 0 ? translate(t, Radio.StatsDuration, { hours, minutes: minutes % 60 }) : translate(t, Radio.StatsDurationMinutes, { minutes });
}
