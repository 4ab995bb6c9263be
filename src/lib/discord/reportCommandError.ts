import { container } from '@sapphire/framework';
import { resolveKey } from '@sapphire/plugin-i18next';
import type { RepliableInteraction } from 'discord.js';
import { randomUUID } from 'node:crypto';
import { replyEphemeral } from '#lib/discord/replies';
import { Errors } from '#lib/i18n/keys/index';

/**
 * Something we did not expect broke a command: log it with a short reference the user can quote,
 * and tell the user in their language instead of leaving "The application did not respond".
 */
export async function reportCommandError(interaction: RepliableInteraction, error: unknown, command: string): Promise<void> {
	const reference = randomUUID().slice(0, 8);
	container.logger.error({ err: error, command, reference, guildId: interaction.guildId, userId: interaction.user.id }, 'command failed');
	try {
		await replyEphemeral(interaction, await resolveKey(interaction, Errors.Unexpected, { reference }));
	} catch (replyError) {
		container.logger.warn({ err: replyError, reference }, 'could not report the error to the user');
	}
}
