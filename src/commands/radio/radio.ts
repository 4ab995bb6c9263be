import { ApplyOptions } from '@sapphire/decorators';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { MessageFlags } from 'discord.js';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { Preconditions, Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { changeVolume } from '#lib/playback/changeVolume';
import { playbackChannel } from '#lib/playback/playbackChannel';
import { startPlayback } from '#lib/playback/startPlayback';
import { historyEmbed } from '#lib/radio-ui/historyEmbed';
import { infoEmbed } from '#lib/radio-ui/infoEmbed';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import { stationListPage } from '#lib/radio-ui/stationListPage';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

@ApplyOptions<Subcommand.Options>({
	description: 'Internet radio in your voice channel',
	subcommands: [
		{ name: 'play', chatInputRun: 'chatInputPlay', preconditions: ['CanPlay'] },
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
		if (!station) {
			this.container.playbackChanges.giveBack(interaction.user.id);
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
		// The CanPlay precondition found this channel a moment ago; the member may have left it since.
		const channel = await playbackChannel(this.container, interaction.member);
		if (!channel)
			return interaction.reply({ content: translate(await fetchT(interaction), Preconditions.InVoiceChannel), flags: MessageFlags.Ephemeral });
		return startPlayback(this.container, interaction, station, channel);
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
		const embed = historyEmbed(t, this.container.voice.history(interaction.guildId), (stationId) => catalog.exact(stationId)?.name ?? stationId);
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}
}
