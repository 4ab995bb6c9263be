import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { StringSelectMenuInteraction } from 'discord.js';
import type { Station } from '#lib/config/types';
import { CustomIdPrefix } from '#lib/discord/customIds';
import { replyDenial } from '#lib/discord/replyDenial';
import { checkPlayback } from '#lib/playback/checkPlayback';
import { startPlayback } from '#lib/playback/startPlayback';

/** The now-playing card's station menu: plays the chosen station, through the same gate as /radio play. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.SelectMenu })
export class NowPlayingCardSelectHandler extends InteractionHandler {
	public override async parse(interaction: StringSelectMenuInteraction) {
		if (interaction.customId !== CustomIdPrefix.CardSwitch || !interaction.inCachedGuild()) return this.none();
		const station = (await this.container.guildStations.forGuild(interaction.guildId)).exact(interaction.values[0] ?? '');
		return station ? this.some(station) : this.none();
	}

	public override async run(interaction: StringSelectMenuInteraction<'cached'>, station: Station) {
		const gate = await checkPlayback(this.container, interaction);
		if (!gate.ok) return replyDenial(this.container, interaction, gate.denial);
		await startPlayback(this.container, interaction, station, gate.channel);
	}
}
