import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ModalSubmitInteraction } from 'discord.js';
import { parseWizardCustomId, type WizardCustomId } from '#lib/discord/customIds';

/** The volume limits modal of the wizard. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.ModalSubmit })
export class SetupWizardModalHandler extends InteractionHandler {
	public override parse(interaction: ModalSubmitInteraction) {
		const target = parseWizardCustomId(interaction.customId);
		return target && interaction.inCachedGuild() ? this.some(target) : this.none();
	}

	public override async run(interaction: ModalSubmitInteraction<'cached'>, target: WizardCustomId) {
		await this.container.wizards.continue(interaction, target);
	}
}
