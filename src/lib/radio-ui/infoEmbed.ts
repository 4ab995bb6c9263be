import type { TFunction } from '@sapphire/plugin-i18next';
import { EmbedBuilder, time, TimestampStyles } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { DiscordLimits } from '#lib/discord/limits';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import { markdownText } from '#lib/text/userText';
import type { GuildSession } from '#lib/voice/VoiceService';

/** `/radio info`: the station, its live song (the station's text, escaped and cut), since when, format, listeners and volume. */
export function infoEmbed(t: TFunction, session: GuildSession, title: string | null, listeners: number): EmbedBuilder {
	const { station } = session;
	const embed = new EmbedBuilder()
		.setColor(Colors.Radio)
		.setTitle(`📻 ${markdownText(station.name, DiscordLimits.EmbedTitle - 3)}`)
		.addFields(
			{
				name: translate(t, Radio.InfoNowPlaying),
				value: title ? markdownText(title, DiscordLimits.EmbedFieldValue) : translate(t, Radio.InfoNoTitle)
			},
			{ name: translate(t, Radio.InfoSince), value: time(session.since, TimestampStyles.RelativeTime), inline: true },
			{ name: translate(t, Radio.EmbedFormat), value: stationBadge(station), inline: true },
			{ name: translate(t, Radio.InfoListeners), value: translate(t, Radio.InfoListenersValue, { count: listeners }), inline: true },
			{ name: translate(t, Radio.InfoVolume), value: translate(t, Radio.InfoVolumeValue, { volume: session.volume }), inline: true }
		);
	if (station.description) embed.setDescription(markdownText(station.description, DiscordLimits.EmbedDescription));
	if (station.logo) embed.setThumbnail(station.logo);
	return embed;
}
