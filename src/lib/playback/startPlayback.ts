import type { TFunction } from '@sapphire/plugin-i18next';
import {
	EmbedBuilder,
	MessageFlags,
	time,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type StringSelectMenuInteraction,
	type VoiceBasedChannel
} from 'discord.js';
import type { Config, Station } from '#lib/config/types';
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
import type { MemberStations } from '#lib/favorites/MemberStations';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import type { StationStreams } from '#lib/stations/StationStreams';
import { labelText, markdownText, QuotedTextLength } from '#lib/text/userText';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import { type VoiceService } from '#lib/voice/VoiceService';
import { JoinQueuedTooLongError, VoiceJoinError, type JoinQueuedListener } from '#lib/voice/VoiceConnections';

export type PlaybackInteraction = ChatInputCommandInteraction<'cached'> | ButtonInteraction<'cached'> | StringSelectMenuInteraction<'cached'>;

export interface PlaybackServices {
	readonly voice: Pick<VoiceService, 'sessionFor' | 'admission' | 'isPlaying' | 'play' | 'join' | 'whenAudible'>;
	/** How long a started station may stay silent before the reply says so instead of "now playing". */
	readonly config: { readonly voice: Pick<Config['voice'], 'stallTimeoutSeconds'> };
	readonly streams: Pick<StationStreams, 'preflight'>;
	readonly guildStations: Pick<GuildCatalogs, 'forGuild'>;
	readonly settings: Pick<SettingsStore, 'guild'>;
	readonly playbackChanges: ChangeBudget;
	readonly mentions: CommandMentions;
	readonly tFor: Translator;
	readonly logger: Log;
	/** Remembers each member's last station (for /radio play without a station). */
	readonly memberStations?: Pick<MemberStations, 'played'>;
}

/**
 * The one path from "play this station" to audio, after the gate (checkPlayback) let the member through: the station's
 * stream is checked (while a server not yet in voice joins `channel`), then played from the checked connection; failures
 * are explained with a Retry button and alternatives; success is confirmed to the caller only.
 */
export async function startPlayback(
	services: PlaybackServices,
	interaction: PlaybackInteraction,
	station: Station,
	channel: VoiceBasedChannel
): Promise<void> {
	const { voice, streams, logger } = services;
	// Where a start's time goes (`npm run bench -- startup` reads these).
	const stage = (name: string) => logger.debug({ guildId: interaction.guildId, station: station.id, stage: name }, 'play stage');
	stage('received');
	const t = await services.tFor(interaction);
	// Looking a station up may have deferred already (a directory station asked for over the network).
	if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });

	// A station switch keeps the server's current volume; a new session starts at the server's default.
	const volume =
		voice.sessionFor(interaction.guildId)?.volume ?? sessionVolume(await serverVolumeLimits(services.settings, interaction.guildId, logger));
	// Before the preflight: a station that may not start now costs its server no requests and the user no wait.
	const admission = voice.admission(station, volume);
	if (!admission.admitted) return refuse(services, interaction, t, new PipelineLimitError(station, admission.limit, admission.max));
	const playing = voice.isPlaying(station);
	// While a join waits for Discord's gateway rate limit, the reply says so.
	const queued = queuedReplies(services, interaction, t, channel);
	// A server not yet in voice joins while the stream is checked; one already in voice moves only for a station that plays.
	const early = playing || voice.sessionFor(interaction.guildId) ? null : voice.join(channel, queued.listener);
	const joining = early?.joined.then(
		() => null,
		(error: unknown) => (error instanceof Error ? error : new Error(String(error)))
	);
	const stream = playing ? null : await streams.preflight(station, { keepConnection: true });
	stage('preflight');
	if (stream && !stream.ok) {
		// Leaves, or withdraws a join still waiting for the gateway: nothing goes out for a play that will not happen.
		early?.undo();
		logger.warn({ station: station.id, reason: stream.reason, detail: stream.message, guildId: interaction.guildId }, 'preflight failed');
		await queued.settled();
		await interaction.editReply(await stationDownMessage(services, t, station, translate(t, Stream.reasonKey(stream.reason))));
		return;
	}

	try {
		const joinError = await joining;
		if (joinError) {
			stream?.connection?.close();
			throw joinError;
		}
		// The checked connection goes to the pipeline: the station plays from it, without connecting again.
		await voice.play(channel, station, interaction.channelId, volume, { stream: stream?.connection, onQueued: queued.listener });
	} catch (error) {
		await queued.settled();
		// Another server took the last place during the preflight.
		if (error instanceof PipelineLimitError) return refuse(services, interaction, t, error);
		if (error instanceof JoinQueuedTooLongError) {
			logger.warn(
				{ guildId: interaction.guildId, channelId: channel.id },
				'voice join withdrawn: it waited too long for the gateway rate limit'
			);
			// Nothing changed: the attempt does not count against the user's playback rate limit.
			services.playbackChanges.giveBack(interaction.user.id);
			await interaction.editReply({ content: translate(t, Radio.PlayQueuedTooLong, { channel: channel.toString() }) });
			return;
		}
		if (!(error instanceof VoiceJoinError)) throw error;
		logger.warn({ err: error, guildId: interaction.guildId, channelId: channel.id }, 'voice join failed');
		await interaction.editReply({ content: translate(t, Radio.PlayJoinFailed, { channel: channel.toString() }) });
		return;
	}
	stage('joined');
	// The station started: it is the member's last one even if it is still silent.
	services.memberStations?.played(interaction.user.id, station);

	await queued.settled();
	// "Now playing" only once it sounds: in the channel is not enough.
	if (!(await voice.whenAudible(interaction.guildId, services.config.voice.stallTimeoutSeconds * 1_000))) {
		logger.warn({ guildId: interaction.guildId, station: station.id }, 'joined, but the station has not sounded yet');
		await interaction.editReply({
			content: translate(t, Radio.PlayNotYetAudible, { station: markdownText(station.name, QuotedTextLength), channel: channel.toString() })
		});
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
	// A queued-join message is replaced, not kept above the embed.
	await interaction.editReply({ ...(queued.shown() && { content: '' }), embeds: [embed] });
}

/**
 * While the join waits in the gateway queue, the reply says so and when it should go out (a relative timestamp the
 * client keeps current); edits run one after another, and the final answer waits for them (`settled`).
 */
function queuedReplies(services: PlaybackServices, interaction: PlaybackInteraction, t: TFunction, channel: VoiceBasedChannel) {
	let edits: Promise<unknown> = Promise.resolve();
	let shown = false;
	const listener: JoinQueuedListener = ({ etaMs }) => {
		shown = true;
		const when = time(new Date(Date.now() + etaMs), 'R');
		edits = edits
			.then(() => interaction.editReply({ content: translate(t, Radio.PlayQueued, { channel: channel.toString(), when }) }))
			.catch((error: unknown) => services.logger.warn({ err: error, guildId: interaction.guildId }, 'could not update a queued join reply'));
	};
	return { listener, settled: () => edits, shown: () => shown };
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
