import { MessageFlags, type ActionRowBuilder, type ButtonBuilder, type EmbedBuilder, type RepliableInteraction } from 'discord.js';

/**
 * Answers ephemerally whatever state the interaction is in (fresh, deferred or replied), so error paths
 * never fail with "interaction already acknowledged".
 */
export async function replyEphemeral(
	interaction: RepliableInteraction,
	body: string | { content?: string; embeds?: EmbedBuilder[]; components?: ActionRowBuilder<ButtonBuilder>[] }
): Promise<void> {
	const payload = typeof body === 'string' ? { content: body } : body;
	if (interaction.deferred) await interaction.editReply(payload);
	else if (interaction.replied) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
	else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}
