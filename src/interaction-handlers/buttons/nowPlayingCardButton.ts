import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { parseCardButtonId, type CardButton } from '#lib/discord/customIds';
import { replyDenial } from '#lib/discord/replyDenial';
import { cardControlDenial, pressCardButton } from '#lib/playback/card/cardControls';

/** The now-playing card's Stop, Quieter and Louder: behind the same gate as /radio stop and /radio volume; answered privately. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class NowPlayingCardButtonHandler extends InteractionHandler {
	public override parse(interaction: ButtonInteraction) {
		const button = parseCardButtonId(interaction.customId);
		return button && interaction.inCachedGuild() ? this.some(button) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, button: CardButton) {
		const denial = await cardControlDenial(this.container, interaction);
		if (denial) return replyDenial(this.container, interaction, denial);
		// A volume change waits for the new stream to play: longer than Discord's 3 s for a first answer.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		await interaction.editReply({ content: await pressCardButton(this.container, interaction, button) });
	}
}
