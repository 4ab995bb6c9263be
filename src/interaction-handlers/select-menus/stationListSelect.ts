import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { StringSelectMenuInteraction } from 'discord.js';
import type { Station } from '#lib/config/types';
import { djDenial } from '#lib/discord/memberAccess';
import { replyDenial } from '#lib/discord/replyDenial';
import { CustomIdPrefix } from '#lib/discord/customIds';
import { startPlayback } from '#lib/playback/startPlayback';

/** The menu under /radio list: plays the chosen station. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.SelectMenu })
export class StationListSelectHandler extends InteractionHandler {
	public override async parse(interaction: StringSelectMenuInteraction) {
		if (interaction.customId !== CustomIdPrefix.ListSelect || !interaction.inCachedGuild()) return this.none();
		const station = (await this.container.guildStations.forGuild(interaction.guildId)).resolve(interaction.values[0] ?? '');
		return station ? this.some(station) : this.none();
	}

	public override async run(interaction: StringSelectMenuInteraction<'cached'>, station: Station) {
		// Components run no preconditions: the DJ rule of /radio play applies here by hand.
		const denial = await djDenial(interaction);
		if (denial) return replyDenial(interaction, denial);
		await startPlayback(interaction, station);
	}
}
