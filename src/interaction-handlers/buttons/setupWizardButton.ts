import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ButtonInteraction } from 'discord.js';
import { parseWizardCustomId, type WizardCustomId } from '#lib/discord/customIds';

/** Back, Skip, Cancel, Save and the wizard's answer buttons (24/7 on/off, no DJ role, …). */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class SetupWizardButtonHandler extends InteractionHandler {
	public override parse(interaction: ButtonInteraction) {
		const target = parseWizardCustomId(interaction.customId);
		return target && interaction.inCachedGuild() ? this.some(target) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, target: WizardCustomId) {
		await this.container.wizards.continue(interaction, target);
	}
}
