import { Identifiers, type UserError } from '@sapphire/framework';
import type { RepliableInteraction } from 'discord.js';
import type { Denial } from '#lib/discord/Denial';
import { replyEphemeral } from '#lib/discord/replies';
import { Preconditions } from '#lib/i18n/keys/index';
import type { Translator, TypedT } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';

/** How a reply reaches a user: in their language, logged. */
export interface ReplyServices {
	readonly logger: Log;
	readonly tFor: Translator;
}

/** Sapphire's own preconditions identify themselves by name; ours by translation key. */
const builtInKeys: Partial<Record<string, TypedT>> = {
	[Identifiers.PreconditionGuildOnly]: Preconditions.GuildOnly,
	[Identifiers.PreconditionRunIn]: Preconditions.GuildOnly,
	[Identifiers.PreconditionCooldown]: Preconditions.Cooldown,
	[Identifiers.PreconditionClientPermissions]: Preconditions.ClientPermissions,
	[Identifiers.PreconditionUserPermissions]: Preconditions.UserPermissions
};

/** A precondition's refusal as a denial: our preconditions put the key in `identifier` and the variables in `context`. */
export function denialOf(error: UserError): Denial {
	const key = error.identifier.includes(':') ? (error.identifier as TypedT) : (builtInKeys[error.identifier] ?? Preconditions.Unknown);
	const variables = typeof error.context === 'object' && error.context !== null ? (error.context as object) : undefined;
	return variables ? { key, variables } : { key };
}

/** The one way a refusal reaches a user, from a precondition, a button, a menu or a modal: logged, then ephemeral, in their language. */
export async function replyDenial(services: ReplyServices, interaction: RepliableInteraction, denial: Denial): Promise<void> {
	const command = interaction.isChatInputCommand() ? interaction.commandName : undefined;
	services.logger.info(
		{ identifier: denial.key, command, userId: interaction.user.id, guildId: interaction.guildId },
		command ? 'command denied' : 'interaction denied'
	);
	const t = await services.tFor(interaction);
	await replyEphemeral(interaction, t(denial.key, { ...denial.variables }));
}
