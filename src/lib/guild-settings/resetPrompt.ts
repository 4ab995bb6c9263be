import type { TFunction } from '@sapphire/plugin-i18next';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { resetCustomId } from '#lib/discord/customIds';

export function resetPrompt(t: TFunction) {
	return {
		content: translate(t, Setup.ResetConfirm),
		components: [
			new ActionRowBuilder<ButtonBuilder>().addComponents(
				new ButtonBuilder()
					.setCustomId(resetCustomId('confirm'))
					.setLabel(translate(t, Setup.ResetConfirmButton))
					.setStyle(ButtonStyle.Danger),
				new ButtonBuilder().setCustomId(resetCustomId('keep')).setLabel(translate(t, Setup.ResetKeepButton)).setStyle(ButtonStyle.Secondary)
			)
		]
	};
}
