import type { TFunction } from '@sapphire/plugin-i18next';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

/** `setup-reset:confirm` and `setup-reset:keep`: the buttons under /setup reset's question. */
export const ResetPrefix = 'setup-reset';
export type ResetChoice = 'confirm' | 'keep';

export function parseResetCustomId(customId: string): ResetChoice | null {
	const [prefix, choice] = customId.split(':');
	return prefix === ResetPrefix && (choice === 'confirm' || choice === 'keep') ? choice : null;
}

export function resetPrompt(t: TFunction) {
	return {
		content: translate(t, Setup.ResetConfirm),
		components: [
			new ActionRowBuilder<ButtonBuilder>().addComponents(
				new ButtonBuilder()
					.setCustomId(`${ResetPrefix}:confirm`)
					.setLabel(translate(t, Setup.ResetConfirmButton))
					.setStyle(ButtonStyle.Danger),
				new ButtonBuilder().setCustomId(`${ResetPrefix}:keep`).setLabel(translate(t, Setup.ResetKeepButton)).setStyle(ButtonStyle.Secondary)
			)
		]
	};
}
