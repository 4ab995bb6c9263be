import { ApplyOptions } from '@sapphire/decorators';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { ChannelType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Denial } from '#lib/discord/Denial';
import { replyEphemeral } from '#lib/discord/replies';
import { replyDenial } from '#lib/discord/replyDenial';
import { AutomaticLanguage, discordLocale, localeLabel } from '#lib/guild-settings/languageChoices';
import { resetPrompt } from '#lib/guild-settings/resetPrompt';
import { settingsEmbed, settingsLookups, settingValues } from '#lib/guild-settings/settingsEmbed';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { Setup } from '#lib/i18n/keys/index';
import { pickLanguage } from '#lib/i18n/pickLanguage';
import { translate } from '#lib/i18n/T';
import type { SettingsPatch } from '#lib/settings/types';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

type Interaction = Subcommand.ChatInputCommandInteraction<'cached'>;

@ApplyOptions<Subcommand.Options>({
	description: 'Shape the radio for this server (server managers)',
	preconditions: ['Administrator'],
	subcommands: [
		{ name: 'wizard', chatInputRun: 'chatInputWizard' },
		{ name: 'voice', chatInputRun: 'chatInputVoice', preconditions: ['GuildRateLimit'] },
		{ name: 'dj', chatInputRun: 'chatInputDj', preconditions: ['GuildRateLimit'] },
		{ name: 'language', chatInputRun: 'chatInputLanguage', preconditions: ['GuildRateLimit'] },
		{ name: 'playback', chatInputRun: 'chatInputPlayback', preconditions: ['GuildRateLimit'] },
		{ name: 'show', chatInputRun: 'chatInputShow' },
		{ name: 'reset', chatInputRun: 'chatInputReset' }
	],
	runIn: ['GUILD_ANY']
})
export class SetupCommand extends Subcommand {
	public override registerApplicationCommands(registry: Subcommand.Registry) {
		registry.registerChatInputCommand((builder) =>
			applyLocalizedBuilder(builder, Setup.Root)
				.setDMPermission(false)
				// Discord hides /setup from members without Manage Server; the Administrator precondition still checks.
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
				.addSubcommand((wizard) => applyLocalizedBuilder(wizard, Setup.Wizard))
				.addSubcommand((voice) =>
					applyLocalizedBuilder(voice, Setup.Voice).addChannelOption((channel) =>
						applyLocalizedBuilder(channel, Setup.VoiceChannel)
							.setRequired(true)
							.addChannelTypes(ChannelType.GuildVoice, ChannelType.GuildStageVoice)
					)
				)
				.addSubcommand((dj) => applyLocalizedBuilder(dj, Setup.Dj).addRoleOption((role) => applyLocalizedBuilder(role, Setup.DjRole)))
				.addSubcommand((language) =>
					applyLocalizedBuilder(language, Setup.Language).addStringOption((locale) =>
						applyLocalizedBuilder(locale, Setup.LanguageLocale).setRequired(true).setAutocomplete(true).setMaxLength(100)
					)
				)
				.addSubcommand((playback) =>
					applyLocalizedBuilder(playback, Setup.Playback)
						.addBooleanOption((card) => applyLocalizedBuilder(card, Setup.PlaybackCard))
						.addBooleanOption((switchBack) => applyLocalizedBuilder(switchBack, Setup.PlaybackSwitchBack))
				)
				.addSubcommand((show) => applyLocalizedBuilder(show, Setup.Show))
				.addSubcommand((reset) => applyLocalizedBuilder(reset, Setup.Reset))
		);
	}

	public async chatInputWizard(interaction: Interaction) {
		await this.container.wizards.start(interaction);
	}

	public async chatInputVoice(interaction: Interaction) {
		const t = await fetchT(interaction);
		const channel = interaction.options.getChannel('channel', true);
		if (channel.type !== ChannelType.GuildVoice && channel.type !== ChannelType.GuildStageVoice)
			return this.reply(interaction, translate(t, Setup.VoiceWrongType, { channel: channel.toString() }));
		await this.write(interaction, { voiceChannelId: channel.id }, translate(t, Setup.VoiceSaved, { channel: channel.toString() }));
	}

	public async chatInputDj(interaction: Interaction) {
		const t = await fetchT(interaction);
		const role = interaction.options.getRole('role');
		const message = role ? translate(t, Setup.DjSaved, { role: role.toString() }) : translate(t, Setup.DjCleared);
		await this.write(interaction, { djRoleId: role?.id ?? null }, message);
	}

	public async chatInputLanguage(interaction: Interaction) {
		const t = await fetchT(interaction);
		const input = interaction.options.getString('locale', true).trim();
		// Confirmed in the language the caller gets from now on: their own once the override is gone.
		if (input.toLowerCase() === AutomaticLanguage)
			return this.write(interaction, { language: null }, async () => translate(await fetchT(interaction), Setup.LanguageAutomatic));
		const locale = discordLocale(input);
		if (!locale) return this.reply(interaction, translate(t, Setup.LanguageUnknown, { locale: markdownText(input, QuotedTextLength) }));
		// Confirmed in the new language: the admin sees at once what everyone will get.
		await this.write(interaction, { language: locale.code }, () =>
			translate(this.container.i18n.getT(pickLanguage([locale.code], new Set(this.container.i18n.languages.keys()))), Setup.LanguageSaved, {
				language: localeLabel(locale.code)
			})
		);
	}

	/** The now-playing card and switching back after a failover; without options it shows both. */
	public async chatInputPlayback(interaction: Interaction) {
		const card = interaction.options.getBoolean('card');
		const switchBack = interaction.options.getBoolean('switch-back');
		const patch: SettingsPatch = { ...(card !== null && { nowPlayingCard: card }), ...(switchBack !== null && { switchBack }) };
		await this.write(interaction, patch, async () => {
			const t = await fetchT(interaction);
			const settings = await this.container.settings.guild(interaction.guildId);
			return translate(t, Setup.PlaybackSaved, { card: settingValues.card(t, settings), switchBack: settingValues.switchBack(t, settings) });
		});
	}

	public async chatInputShow(interaction: Interaction) {
		const t = await fetchT(interaction);
		let settings;
		try {
			settings = await this.container.settings.guild(interaction.guildId);
		} catch (error) {
			return replyDenial(this.container, interaction, settingsUnavailableDenial(error, interaction.guildId, this.container.logger));
		}
		const { stations } = await this.container.guildStations.forGuild(interaction.guildId);
		const embed = settingsEmbed(t, settings, settingsLookups(interaction.guild, stations)).setTitle(
			translate(t, Setup.ShowTitle, { server: markdownText(interaction.guild.name, QuotedTextLength) })
		);
		await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}

	public async chatInputReset(interaction: Interaction) {
		const t = await fetchT(interaction);
		await interaction.reply({ ...resetPrompt(t), flags: MessageFlags.Ephemeral });
	}

	/** Writes a patch; the confirmation only after the store took it, the storage message if it did not. */
	private async write(interaction: Interaction, patch: SettingsPatch, confirmation: string | (() => string | Promise<string>)) {
		// A busy database may take longer than the 3 s Discord gives the first answer.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		let denial: Denial | null = null;
		try {
			await this.container.settings.updateGuild(interaction.guildId, patch);
		} catch (error) {
			denial = settingsUnavailableDenial(error, interaction.guildId, this.container.logger);
		}
		if (denial) return replyDenial(this.container, interaction, denial);
		this.container.logger.info({ guildId: interaction.guildId, userId: interaction.user.id, patch }, 'settings changed');
		void this.container.sessionRestorer.settingsChanged(interaction.guildId);
		await this.reply(interaction, typeof confirmation === 'string' ? confirmation : await confirmation());
	}

	private async reply(interaction: Interaction, content: string) {
		await replyEphemeral(interaction, content);
	}
}
