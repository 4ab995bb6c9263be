import type { TFunction } from '@sapphire/plugin-i18next';
import {
	EmbedBuilder,
	MessageFlags,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type StringSelectMenuInteraction,
	type VoiceBasedChannel
} from 'discord.js';
import type { Station } from '#lib/config/types';
import type { ChangeBudget } from '#lib/discord/ChangeBudget';
import { Colors } from '#lib/discord/colors';
import type { CommandMentions } from '#lib/discord/commandMention';
import { DiscordLimits } from '#lib/discord/limits';
import { Radio, Stream } from '#lib/i18n/keys/index';
import { translate, type Translator } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import { pipelineLimitMessage } from '#lib/playback/pipelineLimitMessage';
import { serverVolumeLimits, sessionVolume } from '#lib/playback/volume';
import { alternativeStations } from '#lib/radio-ui/alternatives';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import type { SettingsStore } from '#lib/settings/types';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import type { StationStreams } from '#lib/stations/StationStreams';
import { labelText, markdownText, QuotedTextLength } from '#lib/text/userText';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import { type VoiceService } from '#lib/voice/VoiceService';
import { VoiceJoinError } from '#lib/voice/VoiceConnections';

export type PlaybackInteraction = ChatInputCommandInteraction<'cached'> | ButtonInteraction<'cached'> | StringSelectMenuInteraction<'cached'>;

export interface PlaybackServices {
	readonly voice: Pick<VoiceService, 'sessionFor' | 'admission' | 'isPlaying' | 'play'>;
	readonly streams: Pick<StationStreams, 'preflight'>;
	readonly guildStations: Pick<GuildCatalogs, 'forGuild'>;
	readonly settings: Pick<SettingsStore, 'guild'>;
	readonly playbackChanges: ChangeBudget;
	readonly mentions: CommandMentions;
	readonly tFor: Translator;
	readonly logger: Log;
}

/**
 * The one path from "play this station" to audio, after the gate (checkPlayback) let the member through: the station's
 * stream is checked before the bot joins `channel`; failures are explained with a Retry button and alternatives;
 * success is confirmed to the caller only.
 */
export async function startPlayback(
	services: PlaybackServices,
	interaction: PlaybackInteraction,
	station: Station,
	channel: VoiceBasedChannel
): Promise<void> {
	const { voice, streams, logger } = services;
	const t = await services.tFor(interaction);
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });

	// A station switch keeps the server's current volume; a new session starts at the server's default.
	const volume =
		voice.sessionFor(interaction.guildId)?.volume ?? sessionVolume(await serverVolumeLimits(services.settings, interaction.guildId, logger));
	// Before the preflight: a station that may not start now costs its server no requests and the user no wait.
	const admission = voice.admission(station, volume);
	if (!admission.admitted) return refuse(services, interaction, t, new PipelineLimitError(station, admission.limit, admission.max));
	const stream = voice.isPlaying(station) ? null : await streams.preflight(station);
	if (stream && !stream.ok) {
		logger.warn({ station: station.id, reason: stream.reason, detail: stream.message, guildId: interaction.guildId }, 'preflight failed');
		await interaction.editReply(await stationDownMessage(services, t, station, translate(t, Stream.reasonKey(stream.reason))));
		return;
	}

	try {
		await voice.play(channel, station, interaction.channelId, volume);
	} catch (error) {
		// Another server took the last place during the preflight.
		if (error instanceof PipelineLimitError) return refuse(services, interaction, t, error);
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
async function refuse(services: PlaybackServices, interaction: PlaybackInteraction, t: TFunction, error: PipelineLimitError): Promise<void> {
	services.logger.warn(
		{ station: error.station.id, guildId: interaction.guildId, limit: error.limit, max: error.max },
		'play refused: pipeline limit'
	);
	// Nothing changed: the attempt does not count against the user's playback rate limit.
	services.playbackChanges.giveBack(interaction.user.id);
	await interaction.editReply({ content: pipelineLimitMessage(t, services.mentions, error.station, error.limit, error.max) });
}

/** "X isn't playing: <reason>", with Retry and up to three other stations as buttons. */
async function stationDownMessage(services: PlaybackServices, t: TFunction, station: Station, reason: string) {
	const alternatives = alternativeStations(await services.guildStations.forGuild(station.guildId ?? null), station);
	return {
		content: translate(t, Radio.PreflightFailed, { station: markdownText(station.name, QuotedTextLength), reason }),
		components: [stationButtonRow(alternatives, { station, label: translate(t, Radio.Retry) })]
	};
}
