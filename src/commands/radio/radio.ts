import { ApplyOptions } from '@sapphire/decorators';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { MessageFlags } from 'discord.js';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { isServerManager } from '#lib/discord/memberAccess';
import { replyEphemeral } from '#lib/discord/replies';
import { replyDenial } from '#lib/discord/replyDenial';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { favoritesEmbed } from '#lib/favorites/favoriteReplies';
import { toggleFavorite } from '#lib/favorites/toggleFavorite';
import { Preconditions, Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { changeVolume } from '#lib/playback/changeVolume';
import { playbackChannel } from '#lib/playback/playbackChannel';
import { playRequest } from '#lib/playback/playRequest';
import { sleepReply } from '#lib/playback/sleepReply';
import { startPlayback } from '#lib/playback/startPlayback';
import { directorySearchReply } from '#lib/radio-ui/directorySearch';
import { historyEmbed } from '#lib/radio-ui/historyEmbed';
import { infoEmbed } from '#lib/radio-ui/infoEmbed';
import { stationListPage } from '#lib/radio-ui/stationListPage';
import { statsEmbed } from '#lib/radio-ui/statsEmbed';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

@ApplyOptions<Subcommand.Options>({
	description: 'Internet radio in your voice channel',
	subcommands: [
		{ name: 'play', chatInputRun: 'chatInputPlay', preconditions: ['CanPlay'] },
		{ name: 'stop', chatInputRun: 'chatInputStop', preconditions: ['DJ', 'PlaybackRateLimit'] },
		{ name: 'volume', chatInputRun: 'chatInputVolume', preconditions: ['DJ', 'PlaybackRateLimit'] },
		{ name: 'info', chatInputRun: 'chatInputInfo' },
		{ name: 'list', chatInputRun: 'chatInputList' },
		{ name: 'history', chatInputRun: 'chatInputHistory' },
		{ name: 'search', chatInputRun: 'chatInputSearch', preconditions: ['MemberRateLimit'] },
		{ name: 'favorite', chatInputRun: 'chatInputFavorite', preconditions: ['MemberRateLimit'] },
		{ name: 'sleep', chatInputRun: 'chatInputSleep', preconditions: ['DJ', 'PlaybackRateLimit'] },
		{ name: 'stats', chatInputRun: 'chatInputStats' }
	],
	runIn: ['GUILD_ANY']
})
export class RadioCommand extends Subcommand {
	public override registerApplicationCommands(registry: Subcommand.Registry) {
		const { config } = this.container;
		registry.registerChatInputCommand((builder) => {
			const radio = applyLocalizedBuilder(builder, Radio.Root)
				.setDMPermission(false)
				.addSubcommand((play) =>
					// Without a station: the member's last one.
					applyLocalizedBuilder(play, Radio.Play).addStringOption((station) =>
						applyLocalizedBuilder(station, Radio.PlayStation).setRequired(false).setAutocomplete(true).setMaxLength(100)
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
				.addSubcommand((favorite) =>
					applyLocalizedBuilder(favorite, Radio.Favorite).addStringOption((station) =>
						applyLocalizedBuilder(station, Radio.FavoriteStation).setAutocomplete(true).setMaxLength(100)
					)
				)
				.addSubcommand((sleep) =>
					applyLocalizedBuilder(sleep, Radio.Sleep).addIntegerOption((minutes) =>
						applyLocalizedBuilder(minutes, Radio.SleepMinutes).setRequired(true).setMinValue(0).setMaxValue(config.sleep.maxMinutes)
					)
				)
				.addSubcommand((stats) => applyLocalizedBuilder(stats, Radio.Stats));
			if (config.directory.enabled) {
				radio.addSubcommand((search) =>
					applyLocalizedBuilder(search, Radio.Search)
						.addStringOption((query) => applyLocalizedBuilder(query, Radio.SearchQuery).setRequired(true).setMaxLength(100))
						.addStringOption((country) => applyLocalizedBuilder(country, Radio.SearchCountry).setMaxLength(50))
						.addStringOption((tag) => applyLocalizedBuilder(tag, Radio.SearchTag).setMaxLength(50))
						.addStringOption((language) => applyLocalizedBuilder(language, Radio.SearchLanguage).setMaxLength(50))
				);
			}
			return radio;
		});
	}

	public async chatInputPlay(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const request = await playRequest(this.container, interaction, interaction.options.getString('station'));
		if (!request.ok) {
			this.container.playbackChanges.giveBack(interaction.user.id);
			return replyEphemeral(interaction, request.reply);
		}
		// The CanPlay precondition found this channel a moment ago; the member may have left it since.
		const channel = await playbackChannel(this.container, interaction.member);
		if (!channel) return replyEphemeral(interaction, translate(await fetchT(interaction), Preconditions.InVoiceChannel));
		return startPlayback(this.container, interaction, request.station, channel);
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
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const t = await fetchT(interaction);
		const requested = interaction.options.getInteger('percent', true);
		return interaction.editReply({ content: await changeVolume(this.container, t, interaction.guildId, interaction.user.id, requested) });
	}

	public async chatInputInfo(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const session = this.container.voice.sessionFor(interaction.guildId);
		if (!session)
			return interaction.reply({
				content: translate(t, Radio.InfoNothingPlaying, { command: this.container.mentions.of('radio play') }),
				flags: MessageFlags.Ephemeral
			});
		const title = this.container.voice.nowPlaying(session.station)?.title ?? null;
		const embed = infoEmbed(t, session, title, humansInChannel(interaction.guild, session.channelId));
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}

	public async chatInputList(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const query = interaction.options.getString('search') ?? '';
		const catalog = await this.container.guildStations.forGuild(interaction.guildId);
		const { stationHealth } = this.container;
		return interaction.reply({ ...stationListPage(t, catalog, query, 1, (id) => stationHealth.stateOf(id)), flags: MessageFlags.Ephemeral });
	}

	public async chatInputHistory(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const catalog = await this.container.guildStations.forGuild(interaction.guildId);
		const playing = this.container.voice.sessionFor(interaction.guildId)?.station;
		const name = (stationId: string) => catalog.exact(stationId)?.name ?? (playing?.id === stationId ? playing.name : stationId);
		const embed = historyEmbed(t, this.container.voice.history(interaction.guildId), name);
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}

	public async chatInputSearch(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const t = await fetchT(interaction);
		const { directory, logger } = this.container;
		if (!directory) return interaction.editReply({ content: translate(t, Radio.SearchUnavailable) });
		const query = {
			name: interaction.options.getString('query', true),
			country: interaction.options.getString('country'),
			tag: interaction.options.getString('tag'),
			language: interaction.options.getString('language')
		};
		return interaction.editReply(await directorySearchReply({ directory, logger }, t, query, isServerManager(interaction)));
	}

	public async chatInputFavorite(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const query = interaction.options.getString('station');
		if (query === null) {
			const record = await this.container.memberStations.get(interaction.user.id).catch((error: unknown) => {
				return settingsUnavailableDenial(error, interaction.guildId, this.container.logger);
			});
			if ('key' in record) return replyDenial(this.container, interaction, record);
			return replyEphemeral(interaction, { embeds: [favoritesEmbed(t, this.container.mentions, record)] });
		}
		const lookup = {
			guildId: interaction.guildId,
			userId: interaction.user.id,
			query,
			beforeNetwork: () => interaction.deferReply({ flags: MessageFlags.Ephemeral })
		};
		const unknown = () => translate(t, Radio.PlayUnknownStation, { query: markdownText(query, QuotedTextLength) });
		return replyEphemeral(interaction, await toggleFavorite(this.container, t, lookup, unknown));
	}

	public async chatInputSleep(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const minutes = interaction.options.getInteger('minutes', true);
		return replyEphemeral(interaction, sleepReply(this.container, t, interaction.guildId, interaction.user.id, minutes));
	}

	public async chatInputStats(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const t = await fetchT(interaction);
		let report;
		try {
			report = await this.container.listeningStats.report(interaction.guildId);
		} catch (error) {
			return replyDenial(this.container, interaction, settingsUnavailableDenial(error, interaction.guildId, this.container.logger));
		}
		return interaction.editReply({ embeds: [statsEmbed(t, this.container.mentions, report)] });
	}
}
