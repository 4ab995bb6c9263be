import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
import type { ButtonInteraction } from 'discord.js';
import { administratorDenial } from '#lib/discord/memberAccess';
import { replyDenial } from '#lib/discord/replyDenial';
import { parseResetCustomId, type ResetChoice } from '#lib/discord/customIds';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { Preconditions, Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

/** The answer to /setup reset's question: reset only on an explicit confirm, by a server manager. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class SetupResetButtonHandler extends InteractionHandler {
	public override parse(interaction: ButtonInteraction) {
		const choice = parseResetCustomId(interaction.customId);
		return choice && interaction.inCachedGuild() ? this.some(choice) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, choice: ResetChoice) {
		const t = await fetchT(interaction);
		if (choice === 'keep') return void (await interaction.update({ content: translate(t, Setup.ResetKept), components: [] }));

		const denial =
			administratorDenial(interaction) ?? this.container.setupChanges.takeOrDeny(interaction.guildId, Preconditions.GuildRateLimited);
		if (denial) return replyDenial(this.container, interaction, denial);
		try {
			await this.container.settings.resetGuild(interaction.guildId);
		} catch (error) {
			return replyDenial(this.container, interaction, settingsUnavailableDenial(error, interaction.guildId, this.container.logger));
		}
		this.container.logger.info({ guildId: interaction.guildId, userId: interaction.user.id }, 'settings reset');
		await interaction.update({ content: translate(t, Setup.ResetDone), components: [] });
	}
}
