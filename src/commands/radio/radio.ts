import { ApplyOptions } from '@sapphire/decorators';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { EmbedBuilder, MessageFlags, time, TimestampStyles } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import { pipelineLimitMessage } from '#lib/playback/pipelineLimitMessage';
import { returnPlaybackChange } from '#lib/playback/playbackRateLimit';
import { stationListPage } from '#lib/radio-ui/stationListPage';
import { startPlayback } from '#lib/playback/startPlayback';
import type { VolumeLimits } from '#lib/settings/types';
import { stationBadge } from '#lib/stations/catalog/stationBadge';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import { VolumeChangeError } from '#lib/voice/VoiceService';
import { isWithinLimits, quantizeVolume } from '#lib/playback/volume';
import { commandMention } from '#lib/discord/commandMention';
import { DiscordLimits } from '#lib/discord/limits';
import { markdownText, QuotedTextLength } from '#lib/text/userText';
import { historyEmbed } from '#lib/radio-ui/historyEmbed';

@ApplyOptions<Subcommand.Options>({
	description: 'Internet radio in your voice channel',
	subcommands: [
		{ name: 'play', chatInputRun: 'chatInputPlay', preconditions: ['DJ', 'InVoiceChannel', 'BotCanJoin', 'PlaybackRateLimit'] },
		{ name: 'stop', chatInputRun: 'chatInputStop', preconditions: ['DJ', 'PlaybackRateLimit'] },
		{ name: 'volume', chatInputRun: 'chatInputVolume', preconditions: ['DJ', 'PlaybackRateLimit'] },
		{ name: 'info', chatInputRun: 'chatInputInfo' },
		{ name: 'list', chatInputRun: 'chatInputList' },
		{ name: 'history', chatInputRun: 'chatInputHistory' }
	],
	runIn: ['GUILD_ANY']
})
export class RadioCommand extends Subcommand {
	public override registerApplicationCommands(registry: Subcommand.Registry) {
		registry.registerChatInputCommand((builder) =>
			applyLocalizedBuilder(builder, Radio.Root)
				.setDMPermission(false)
				.addSubcommand((play) =>
					applyLocalizedBuilder(play, Radio.Play).addStringOption((station) =>
						applyLocalizedBuilder(station, Radio.PlayStation).setRequired(true).setAutocomplete(true).setMaxLength(100)
					)
				)
				.addSubcommand((stop) => applyLocalizedBuilder(stop, Radio.Stop))
				.addSubcommand((volume) =>
					applyLocalizedBuilder(volume, Radio.Volume).addIntegerOption((percent) =>
						applyLocalizedBuilder(percent, Radio.VolumePercent).setRequired(true).setMinValue(0).setMaxValue(1_000)
					)
				)
				.addSubcommand((info) => applyLocalizedBuilder(info, Radio.Info))
				.addSubcommand((list) =>
					applyLocalizedBuilder(list, Radio.List).addStringOption((search) =>
						applyLocalizedBuilder(search, Radio.ListSearch).setMaxLength(80)
					)
				)
				.addSubcommand((history) => applyLocalizedBuilder(history, Radio.History))
		);
	}

	public async chatInputPlay(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const query = interaction.options.getString('station', true);
		const catalog = await this.container.guildStations.forGuild(interaction.guildId);
		const station = catalog.resolve(query);
		if (station) return startPlayback(interaction, station);

		returnPlaybackChange(interaction.user.id);
		const t = await fetchT(interaction);
		const suggestions = catalog.search(query, 3).map((match) => match.station);
		return interaction.reply({
			content: translate(t, suggestions.length ? Radio.UnknownSuggestions : Radio.PlayUnknownStation, {
				query: markdownText(query, QuotedTextLength)
			}),
			components: suggestions.length ? [stationButtonRow(suggestions)] : [],
			flags: MessageFlags.Ephemeral
		});
	}

	public async chatInputStop(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const session = this.container.voice.stop(interaction.guildId);
		const content = session
			? translate(t, Radio.StopStopped, { station: markdownText(session.station.name, QuotedTextLength) })
			: translate(t, Radio.StopNothingPlaying);
		return interaction.reply({ content, flags: MessageFlags.Ephemeral });
	}

	public async chatInputVolume(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const requested = interaction.options.getInteger('percent', true);
		const reply = (content: string) => interaction.editReply({ content });
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });

		let limits: VolumeLimits;
		try {
			limits = (await this.container.settings.guild(interaction.guildId)).volume;
		} catch (error) {
			this.container.logger.error({ err: error, guildId: interaction.guildId }, 'volume: server settings unreadable');
			return reply(translate(t, Radio.VolumeLimitsUnavailable));
		}
		if (!isWithinLimits(requested, limits)) {
			this.container.logger.info({ guildId: interaction.guildId, requested, limits }, 'volume refused: outside the server limits');
			returnPlaybackChange(interaction.user.id);
			return reply(translate(t, Radio.VolumeOutOfLimits, { requested, min: limits.min, max: limits.max }));
		}

		const { voice } = this.container;
		const volume = quantizeVolume(requested, limits);
		const current = voice.sessionFor(interaction.guildId);
		if (!current)
			return reply(
				translate(t, Radio.VolumeNothingPlaying, { volume: quantizeVolume(limits.default, limits), command: commandMention('radio play') })
			);
		try {
			const session = await voice.setVolume(interaction.guildId, volume);
			if (!session)
				return reply(
					translate(t, Radio.VolumeNothingPlaying, {
						volume: quantizeVolume(limits.default, limits),
						command: commandMention('radio play')
					})
				);
			return reply(translate(t, Radio.VolumeSet, { volume: session.volume }));
		} catch (error) {
			if (error instanceof PipelineLimitError) {
				this.container.logger.warn(
					{ guildId: interaction.guildId, volume, limit: error.limit, max: error.max },
					'volume refused: pipeline limit'
				);
				returnPlaybackChange(interaction.user.id);
				return reply(pipelineLimitMessage(t, error.station, error.limit, error.max));
			}
			if (!(error instanceof VolumeChangeError)) throw error;
			this.container.logger.warn({ err: error, guildId: interaction.guildId, volume }, 'volume change failed');
			return reply(translate(t, Radio.VolumeFailed, { volume: current.volume }));
		}
	}

	public async chatInputInfo(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const session = this.container.voice.sessionFor(interaction.guildId);
		if (!session)
			return interaction.reply({
				content: translate(t, Radio.InfoNothingPlaying, { command: commandMention('radio play') }),
				flags: MessageFlags.Ephemeral
			});

		const { station } = session;
		const title = this.container.voice.nowPlaying(station)?.title;
		const listeners = humansInChannel(interaction.guild, session.channelId);
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
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}

	public async chatInputList(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const query = interaction.options.getString('search') ?? '';
		const catalog = await this.container.guildStations.forGuild(interaction.guildId);
		return interaction.reply({ ...stationListPage(t, catalog, query, 1), flags: MessageFlags.Ephemeral });
	}

	public async chatInputHistory(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const catalog = await this.container.guildStations.forGuild(interaction.guildId);
		const embed = historyEmbed(t, this.container.voice.history(interaction.guildId), (stationId) => catalog.exact(stationId)?.name ?? stationId);
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}
}
