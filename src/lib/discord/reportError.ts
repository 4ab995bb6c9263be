import { DiscordAPIError, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import { randomUUID } from 'node:crypto';
import { replyEphemeral } from '#lib/discord/replies';
import { Errors } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { ReplyServices } from '#lib/discord/replyDenial';

/** Discord no longer takes any answer to the interaction: no first answer within 3 s (10062), or its 15 min token is over (50027). */
const ExpiredInteraction = new Set<unknown>([RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.InvalidWebhookToken]);

/**
 * The one error path of every interaction (commands, buttons, menus, modals, autocomplete): something we did not
 * expect broke it. Logs it with a short reference the user can quote and tells the user in their language, instead of
 * "The application did not respond" or "This interaction failed". Autocomplete cannot show a message: it gets an empty
 * list of suggestions, unless it already answered. An interaction Discord no longer takes answers to is only logged. Returns the reference.
 */
export async function reportInteractionError(
	services: ReplyServices,
	interaction: Interaction,
	error: unknown,
	context: Readonly<Record<string, unknown>>,
	message: string
): Promise<string> {
	const log = services.logger;
	const reference = randomUUID().slice(0, 8);
	if (error instanceof DiscordAPIError && ExpiredInteraction.has(error.code)) {
		// Not a bug of ours, and telling the member would fail the same way.
		log.warn(
			{ code: error.code, ...context, reference, guildId: interaction.guildId, userId: interaction.user.id },
			'interaction expired before the answer reached Discord'
		);
		return reference;
	}
	log.error({ err: error, ...context, reference, guildId: interaction.guildId, userId: interaction.user.id }, message);
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
		} else if (interaction.isRepliable()) {
			await replyEphemeral(interaction, translate(await services.tFor(interaction), Errors.Unexpected, { reference }));
		}
	} catch (replyError) {
		log.warn({ err: replyError, reference }, 'could not report the error to the user');
	}
	return reference;
}
