import type { TFunction } from '@sapphire/plugin-i18next';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	channelMention,
	EmbedBuilder,
	StringSelectMenuBuilder,
	time,
	TimestampStyles,
	type MessageActionRowComponentBuilder
} from 'discord.js';
import type { Station } from '#lib/config/types';
import { Colors } from '#lib/discord/colors';
import { cardButtonId, CustomIdPrefix } from '#lib/discord/customIds';
import { DiscordLimits } from '#lib/discord/limits';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { VolumeStepPercent } from '#lib/playback/volume';
import type { VolumeLimits } from '#lib/settings/types';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import { labelText, markdownText, QuotedTextLength } from '#lib/text/userText';
import type { GuildSession } from '#lib/voice/VoiceService';

/** Room for the song title in the card: with the other lines it stays far below an embed's 4,096 characters. */
const TitleLength = 500;
/** Discord's limit of options in a select menu. */
export const MaxSwitchChoices = 25;

export interface CardView {
	readonly session: GuildSession;
	/** The station's live song (its own text: escaped and cut here), or null when it says none. */
	readonly title: string | null;
	readonly listeners: number;
	/** A failover or switch-back line, already translated with escaped names. */
	readonly notice: string | null;
	readonly limits: VolumeLimits;
	/** What the station menu offers (the current station is left out). */
	readonly choices: readonly Station[];
}

export interface CardMessage {
	embeds: EmbedBuilder[];
	components: ActionRowBuilder<MessageActionRowComponentBuilder>[];
}

/** The public card while the radio plays: station and logo, song, since when, listeners, stream, volume, and the controls. */
export function liveCard(t: TFunction, view: CardView): CardMessage {
	const { session } = view;
	const { station } = session;
	const lines = [
		translate(t, Radio.PlayNowPlaying, { station: markdownText(station.name, QuotedTextLength), channel: channelMention(session.channelId) }),
		view.title ? `🎵 **${markdownText(view.title, TitleLength)}**` : translate(t, Radio.InfoNoTitle)
	];
	if (view.notice) lines.push('', view.notice);
	const embed = new EmbedBuilder()
		.setColor(Colors.Radio)
		.setDescription(lines.join('\n'))
		.addFields(
			{ name: translate(t, Radio.InfoSince), value: time(session.since, TimestampStyles.RelativeTime), inline: true },
			{ name: translate(t, Radio.InfoListeners), value: translate(t, Radio.InfoListenersValue, { count: view.listeners }), inline: true },
			{ name: translate(t, Radio.EmbedFormat), value: stationBadge(station), inline: true },
			{ name: translate(t, Radio.InfoVolume), value: translate(t, Radio.InfoVolumeValue, { volume: session.volume }), inline: true }
		);
	if (station.logo) embed.setThumbnail(station.logo);

	const controls = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(cardButtonId('stop'))
			.setLabel(translate(t, Radio.CardStopButton))
			.setEmoji('⏹️')
			.setStyle(ButtonStyle.Danger),
		new ButtonBuilder()
			.setCustomId(cardButtonId('quieter'))
			.setLabel(translate(t, Radio.CardQuieterButton))
			.setEmoji('🔉')
			.setStyle(ButtonStyle.Secondary)
			.setDisabled(session.volume - VolumeStepPercent < view.limits.min),
		new ButtonBuilder()
			.setCustomId(cardButtonId('louder'))
			.setLabel(translate(t, Radio.CardLouderButton))
			.setEmoji('🔊')
			.setStyle(ButtonStyle.Secondary)
			.setDisabled(session.volume + VolumeStepPercent > view.limits.max)
	);
	const components = [controls];
	const choices = view.choices.filter((choice) => choice.id !== station.id).slice(0, MaxSwitchChoices);
	if (choices.length > 0) {
		components.push(
			new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
				new StringSelectMenuBuilder()
					.setCustomId(CustomIdPrefix.CardSwitch)
					.setPlaceholder(translate(t, Radio.CardSwitchPlaceholder))
					.addOptions(
						choices.map((choice) => ({
							label: labelText(choice.name, DiscordLimits.SelectOptionLabel),
							description: stationBadge(choice),
							value: choice.id
						}))
					)
			)
		);
	}
	return { embeds: [embed], components };
}

/** The card once the radio stopped: what played, where and when, without controls. */
export function finalCard(t: TFunction, session: GuildSession, endedAt: Date, command: string): CardMessage {
	const { station } = session;
	const embed = new EmbedBuilder().setColor(Colors.Ended).setDescription(
		translate(t, Radio.CardEnded, {
			station: markdownText(station.name, QuotedTextLength),
			channel: channelMention(session.channelId),
			from: time(session.since, TimestampStyles.ShortDateTime),
			to: time(endedAt, TimestampStyles.ShortTime),
			command
		})
	);
	if (station.logo) embed.setThumbnail(station.logo);
	return { embeds: [embed], components: [] };
}
