import { container } from '@sapphire/framework';
import { fetchT, type TFunction } from '@sapphire/plugin-i18next';
import {
	EmbedBuilder,
	MessageFlags,
	time,
	TimestampStyles,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type StringSelectMenuInteraction
} from 'discord.js';
import type { Station } from '#lib/config/types';
import { botJoinDenial } from '#lib/discord/botJoinProblem';
import { Colors } from '#lib/discord/colors';
import { replyDenial } from '#lib/discord/replyDenial';
import { Preconditions, Radio, Stream } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { alternativeStations } from '#lib/radio-ui/alternatives';
import { playbackChannel } from '#lib/playback/playbackChannel';
import { pipelineLimitMessage } from '#lib/playback/pipelineLimitMessage';
import { returnPlaybackChange, takePlaybackChange } from '#lib/playback/playbackRateLimit';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import { stationBadge } from '#lib/stations/catalog/stationBadge';
import { defaultSessionVolume } from '#lib/playback/serverVolume';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import { VoiceJoinError } from '#lib/voice/VoiceService';
import { DiscordLimits } from '#lib/discord/limits';
import { labelText, markdownText, QuotedTextLength } from '#lib/text/userText';

export type PlaybackInteraction = ChatInputCommandInteraction<'cached'> | ButtonInteraction<'cached'> | StringSelectMenuInteraction<'cached'>;

/**
 * The one path from "play this station" to audio, shared by /radio play, suggestion buttons, Retry and the
 * list's menu: the caller must be in voice; the stream is checked before we join; failures are explained
 * with a Retry button and alternatives; success is confirmed to the caller only.
 */
export async function startPlayback(interaction: PlaybackInteraction, station: Station): Promise<void> {
	const t = await fetchT(interaction);
	// Slash commands spend the budget in their PlaybackRateLimit precondition; buttons and menus have none.
	const retryAt = interaction.isChatInputCommand() ? null : takePlaybackChange(interaction.user.id);
	if (retryAt) {
		await interaction.reply({
			content: translate(t, Preconditions.RateLimited, { retry: time(retryAt, TimestampStyles.RelativeTime) }),
			flags: MessageFlags.Ephemeral
		});
		return;
	}
	const channel = await playbackChannel(interaction.member);
	if (!channel) {
		await interaction.reply({ content: translate(t, Preconditions.InVoiceChannel), flags: MessageFlags.Ephemeral });
		return;
	}
	const joinDenial = botJoinDenial(t, channel);
	if (joinDenial) return replyDenial(interaction, joinDenial);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });

	const { voice, streams, logger } = container;
	// A station switch keeps the server's current volume; a new session starts at the server's default.
	const volume = voice.sessionFor(interaction.guildId)?.volume ?? (await defaultSessionVolume(interaction.guildId));
	// Before the preflight: a station that may not start now costs its server no requests and the user no wait.
	const admission = voice.admission(station, volume);
	if (!admission.admitted) return refuse(interaction, t, new PipelineLimitError(station, admission.limit, admission.max));
	const stream = voice.isPlaying(station) ? null : await streams.preflight(station);
	if (stream && !stream.ok) {
		logger.warn({ station: station.id, reason: stream.reason, detail: stream.message, guildId: interaction.guildId }, 'preflight failed');
		await interaction.editReply(await stationDownMessage(t, station, translate(t, Stream.reasonKey(stream.reason))));
		return;
	}

	try {
		await voice.play(channel, station, interaction.channelId, volume);
	} catch (error) {
		// Another server took the last place during the preflight.
		if (error instanceof PipelineLimitError) return refuse(interaction, t, error);
		if (!(error instanceof VoiceJoinError)) throw error;
		logger.warn({ err: error, guildId: interaction.guildId, channelId: channel.id }, 'voice join failed');
		await interaction.editReply({ content: translate(t, Radio.PlayJoinFailed, { channel: channel.toString() }) });
		return;
	}

	const embed = new EmbedBuilder()
		.setColor(Colors.Radio)
		.setDescription(translate(t, Radio.PlayNowPlaying, { station: markdownText(station.name, QuotedTextLength), channel: channel.toString() }))
		.addFields(
			{ name: translate(t, Radio.EmbedStation), value: markdownText(station.name, DiscordLimits.EmbedFieldValue), inline: true },
			{ name: translate(t, Radio.EmbedFormat), value: stationBadge(station), inline: true }
		);
	if (station.description) embed.setFooter({ text: labelText(station.description, DiscordLimits.EmbedFooter) });
	await interaction.editReply({ embeds: [embed] });
}

/** A cap on server-added stations' streams: nothing was started, no voice joined. */
async function refuse(interaction: PlaybackInteraction, t: TFunction, error: PipelineLimitError): Promise<void> {
	container.logger.warn(
		{ station: error.station.id, guildId: interaction.guildId, limit: error.limit, max: error.max },
		'play refused: pipeline limit'
	);
	// Nothing changed: the attempt does not count against the user's playback rate limit.
	returnPlaybackChange(interaction.user.id);
	await interaction.editReply({ content: pipelineLimitMessage(t, error.station, error.limit, error.max) });
}

/** "X isn't playing: <reason>", with Retry and up to three other stations as buttons. */
async function stationDownMessage(t: TFunction, station: Station, reason: string) {
	const alternatives = alternativeStations(await container.guildStations.forGuild(station.guildId ?? null), station);
	return {
		content: translate(t, Radio.PreflightFailed, { station: markdownText(station.name, QuotedTextLength), reason }),
		components: [stationButtonRow(alternatives, { station, label: translate(t, Radio.Retry) })]
	};
}
