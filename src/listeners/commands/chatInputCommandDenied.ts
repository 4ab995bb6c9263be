import { ApplyOptions } from '@sapphire/decorators';
import { Events, Identifiers, Listener, type ChatInputCommandDeniedPayload, type UserError } from '@sapphire/framework';
import { resolveKey } from '@sapphire/plugin-i18next';
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
@ApplyOptions<Listener.Options>({ event: Events.ChatInputCommandDenied })
export class ChatInputCommandDeniedListener extends Listener<typeof Events.ChatInputCommandDenied> {
	public async run(error: UserError, { interaction }: ChatInputCommandDeniedPayload) {
		const key = error.identifier.includes(':') ? error.identifier : (builtInKeys[error.identifier] ?? Preconditions.Unknown);
		const variables = (typeof error.context === 'object' && error.context !== null ? error.context : {}) as Record<string, unknown>;
		this.container.logger.info({ identifier: error.identifier, command: interaction.commandName, userId: interaction.user.id }, 'command denied');
		await replyEphemeral(interaction, await resolveKey(interaction, key, variables));
	}
}
