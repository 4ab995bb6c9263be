import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { AnySelectMenuInteraction } from 'discord.js';
import { parseWizardCustomId, type WizardCustomId } from '#lib/discord/customIds';

/** The wizard's menus: language, channels, DJ role, default station. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.SelectMenu })
export class SetupWizardSelectHandler extends InteractionHandler {
	public override parse(interaction: AnySelectMenuInteraction) {
		const target = parseWizardCustomId(interaction.customId);
		return target && interaction.inCachedGuild() ? this.some(target) : this.none();
	}

	public override async run(interaction: AnySelectMenuInteraction<'cached'>, target: WizardCustomId) {
		await this.container.wizards.continue(interaction, target);
	}
}
