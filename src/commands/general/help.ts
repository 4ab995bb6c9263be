import { ApplyOptions } from '@sapphire/decorators';
import { Command } from '@sapphire/framework';
import { applyLocalizedBuilder, fetchLanguage, fetchT } from '@sapphire/plugin-i18next';
import { ApplicationCommandOptionType, chatInputApplicationCommandMention, EmbedBuilder, MessageFlags, type Locale } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { General } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

@ApplyOptions<Command.Options>({ description: 'What the bot can do' })
export class HelpCommand extends Command {
	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) => applyLocalizedBuilder(builder, General.Help));
	}

	public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const t = await fetchT(interaction);
		// The language every other line uses too: the server's override wins over the user's client language.
		const language = (await fetchLanguage(interaction)) as Locale;
		const embed = new EmbedBuilder()
			.setColor(Colors.Info)
			.setTitle(translate(t, General.HelpTitle, { name: this.container.client.user?.username ?? 'Alastor' }))
			.setDescription(
				[
					translate(t, General.HelpIntro, { command: this.container.mentions.of('radio play') }),
					'',
					...(await this.commandLines(language))
				].join('\n')
			);
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}

	/** One clickable line per command and subcommand, from what Discord has registered, described in the user's language. */
	private async commandLines(locale: Locale): Promise<string[]> {
		const { commands } = this.container.client.application!;
		const registered = commands.cache.size ? commands.cache : await commands.fetch();
		const lines: string[] = [];
		for (const command of [...registered.values()].sort((a, b) => a.name.localeCompare(b.name))) {
			const subcommands = command.options.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
			if (subcommands.length === 0) {
				const description = command.descriptionLocalizations?.[locale] ?? command.description;
				lines.push(`${chatInputApplicationCommandMention(command.name, command.id)} — ${description}`);
			}
			for (const sub of subcommands) {
				const description = sub.descriptionLocalizations?.[locale] ?? sub.description;
				lines.push(`${chatInputApplicationCommandMention(command.name, sub.name, command.id)} — ${description}`);
			}
		}
		return lines;
	}
}
