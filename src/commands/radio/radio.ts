import { ApplyOptions } from '@sapphire/decorators';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { EmbedBuilder, MessageFlags, type VoiceBasedChannel } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { stationBadge } from '#lib/stations/stationBadge';
import { VoiceJoinError } from '#lib/voice/VoiceService';

@ApplyOptions<Subcommand.Options>({
	description: 'Internet radio in your voice channel',
	subcommands: [
		{ name: 'play', chatInputRun: 'chatInputPlay', preconditions: ['InVoiceChannel'] },
		{ name: 'stop', chatInputRun: 'chatInputStop' }
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
		);
	}

	public async chatInputPlay(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const query = interaction.options.getString('station', true);
		const station = this.container.stations.resolve(query);
		if (!station) {
			return interaction.reply({ content: translate(t, Radio.PlayUnknownStation, { query }), flags: MessageFlags.Ephemeral });
		}

		const channel = interaction.guild.voiceStates.cache.get(interaction.user.id)?.channel as VoiceBasedChannel;
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		try {
			await this.container.voice.play(channel, station, interaction.channelId);
		} catch (error) {
			if (!(error instanceof VoiceJoinError)) throw error;
			this.container.logger.warn({ err: error, guildId: interaction.guildId, channelId: channel.id }, 'voice join failed');
			return interaction.editReply({ content: translate(t, Radio.PlayJoinFailed, { channel: channel.toString() }) });
		}

		const embed = new EmbedBuilder()
			.setColor(Colors.Radio)
			.setDescription(translate(t, Radio.PlayNowPlaying, { station: station.name, channel: channel.toString() }))
			.addFields(
				{ name: translate(t, Radio.EmbedStation), value: station.name, inline: true },
				{ name: translate(t, Radio.EmbedFormat), value: stationBadge(station), inline: true }
			);
		if (station.description) embed.setFooter({ text: station.description });
		return interaction.editReply({ embeds: [embed] });
	}

	public async chatInputStop(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const session = this.container.voice.stop(interaction.guildId);
		const content = session ? translate(t, Radio.StopStopped, { station: session.station.name }) : translate(t, Radio.StopNothingPlaying);
		return interaction.reply({ content, flags: MessageFlags.Ephemeral });
	}
}
