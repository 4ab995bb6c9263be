import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ButtonInteraction } from 'discord.js';
import type { Station } from '#lib/config/types';
import { customIdArgument, CustomIdPrefix } from '#lib/discord/customIds';
import { replyDenial } from '#lib/discord/replyDenial';
import { checkPlayback } from '#lib/playback/checkPlayback';
import { startPlayback } from '#lib/playback/startPlayback';

/** Suggestion, alternative and Retry buttons: each plays its station for whoever clicks it, through the same gate as /radio play. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class PlayStationButtonHandler extends InteractionHandler {
	public override async parse(interaction: ButtonInteraction) {
		const stationId = customIdArgument(interaction.customId, CustomIdPrefix.PlayStation);
		if (stationId === null) return this.none();
		const station = (await this.container.guildStations.forGuild(interaction.guildId)).resolve(stationId);
		return station && interaction.inCachedGuild() ? this.some(station) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, station: Station) {
		const gate = await checkPlayback(this.container, interaction);
		if (!gate.ok) return replyDenial(this.container, interaction, gate.denial);
		await startPlayback(this.container, interaction, station, gate.channel);
	}
}
