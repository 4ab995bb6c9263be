import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ButtonInteraction } from 'discord.js';
import type { Station } from '#lib/config/types';
import { djDenial } from '#lib/discord/memberAccess';
import { replyDenial } from '#lib/discord/replyDenial';
import { customIdArgument, CustomIdPrefix } from '#lib/discord/customIds';
import { startPlayback } from '#lib/playback/startPlayback';

/** Suggestion, alternative and Retry buttons: each plays its station for whoever clicks it. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class PlayStationButtonHandler extends InteractionHandler {
	public override async parse(interaction: ButtonInteraction) {
		const stationId = customIdArgument(interaction.customId, CustomIdPrefix.PlayStation);
		if (stationId === null) return this.none();
		const station = (await this.container.guildStations.forGuild(interaction.guildId)).resolve(stationId);
		return station && interaction.inCachedGuild() ? this.some(station) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, station: Station) {
		// Components run no preconditions: the DJ rule of /radio play applies here by hand.
		const denial = await djDenial(interaction);
		if (denial) return replyDenial(interaction, denial);
		await startPlayback(interaction, station);
	}
}
