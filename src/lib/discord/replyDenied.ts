import { container, Identifiers, type UserError } from '@sapphire/framework';
import { resolveKey } from '@sapphire/plugin-i18next';
import type { ChatInputCommandInteraction } from 'discord.js';
import { replyEphemeral } from '#lib/discord/replies';
import { Preconditions } from '#lib/i18n/keys/index';

/** Sapphire's own preconditions identify themselves by name; ours by translation key. */
const builtInKeys: Partial<Record<string, string>> = {
	[Identifiers.PreconditionGuildOnly]: Preconditions.GuildOnly,
	[Identifiers.PreconditionRunIn]: Preconditions.GuildOnly,
	[Identifiers.PreconditionCooldown]: Preconditions.Cooldown,
	[Identifiers.PreconditionClientPermissions]: Preconditions.ClientPermissions,
	[Identifiers.PreconditionUserPermissions]: Preconditions.UserPermissions
};

/** A precondition said no: tell the user why, in their language, only to them. */
export async function replyDenied(interaction: ChatInputCommandInteraction, error: UserError): Promise<void> {
	const key = error.identifier.includes(':') ? error.identifier : (builtInKeys[error.identifier] ?? Preconditions.Unknown);
	const variables = (typeof error.context === 'object' && error.context !== null ? error.context : {}) as Record<string, unknown>;
	container.logger.info({ identifier: error.identifier, command: interaction.commandName, userId: interaction.user.id }, 'command denied');
	await replyEphemeral(interaction, await resolveKey(interaction, key, variables));
}
