import { container } from '@sapphire/framework';
import { resolveKey } from '@sapphire/plugin-i18next';
import type { RepliableInteraction } from 'discord.js';
import type { Denial } from '#lib/discord/Denial';
import { replyEphemeral } from '#lib/discord/replies';

/** Buttons, menus and modals run no preconditions: they answer a denial here, like the precondition listeners do for commands. */
export async function replyDenial(interaction: RepliableInteraction, denial: Denial): Promise<void> {
	container.logger.info({ identifier: denial.key, userId: interaction.user.id, guildId: interaction.guildId }, 'interaction denied');
	await replyEphemeral(interaction, await resolveKey(interaction, denial.key, { ...denial.variables }));
}
