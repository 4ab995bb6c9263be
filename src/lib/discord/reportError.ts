import { container } from '@sapphire/framework';
import { resolveKey } from '@sapphire/plugin-i18next';
import type { Interaction, RepliableInteraction } from 'discord.js';
import { randomUUID } from 'node:crypto';
import { replyEphemeral } from '#lib/discord/replies';
import { Errors } from '#lib/i18n/keys/index';

/**
 * Something we did not expect broke a command: log it with a short reference the user can quote,
 * and tell the user in their language instead of leaving "The application did not respond".
 */
export async function reportCommandError(interaction: RepliableInteraction, error: unknown, command: string): Promise<void> {
	await reportInteractionError(interaction, error, { command }, 'command failed');
}

/**
 * The same for any interaction (buttons, menus, modals, autocomplete), instead of "This interaction failed". Autocomplete
 * cannot show a message: it gets an empty list of suggestions, unless it already answered. Returns the reference.
 */
export async function reportInteractionError(
	interaction: Interaction,
	error: unknown,
	context: Readonly<Record<string, unknown>>,
	message: string
): Promise<string> {
	const reference = randomUUID().slice(0, 8);
	container.logger.error({ err: error, ...context, reference, guildId: interaction.guildId, userId: interaction.user.id }, message);
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
		} else if (interaction.isRepliable()) {
			await replyEphemeral(interaction, await resolveKey(interaction, Errors.Unexpected, { reference }));
		}
	} catch (replyError) {
		container.logger.warn({ err: replyError, reference }, 'could not report the error to the user');
	}
	return reference;
}
