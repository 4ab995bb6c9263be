import { ApplyOptions } from '@sapphire/decorators';
import { Command } from '@sapphire/framework';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { EmbedBuilder, MessageFlags } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { donationButtonRows } from '#lib/discord/donationButtons';
import { General } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

@ApplyOptions<Command.Options>({ description: 'Support the people who run this bot' })
export class DonateCommand extends Command {
	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) => applyLocalizedBuilder(builder, General.Donate));
	}

	public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const t = await fetchT(interaction);
		const { donations } = this.container.config;
		if (donations.length === 0) return interaction.reply({ content: translate(t, General.DonateNone), flags: MessageFlags.Ephemeral });

		const embed = new EmbedBuilder()
			.setColor(Colors.Info)
			.setTitle(translate(t, General.DonateTitle))
			.setDescription(translate(t, General.DonateBody, { name: this.container.client.user?.username ?? 'Alastor' }));
		return interaction.reply({ embeds: [embed], components: donationButtonRows(donations), flags: MessageFlags.Ephemeral });
	}
}
