import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Station } from '#lib/config/types';
import { customIdArgument, CustomIdPrefix } from '#lib/discord/customIds';
import { replyEphemeral } from '#lib/discord/replies';
import { replyDenial } from '#lib/discord/replyDenial';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { checkPlayback } from '#lib/playback/checkPlayback';
import { findStation } from '#lib/playback/findStation';
import { startPlayback } from '#lib/playback/startPlayback';
import { directoryUuid } from '#lib/stations/directory/directoryStation';

/**
 * Suggestion, alternative, Retry and directory Play buttons: each plays its station for whoever clicks it, through the
 * same gate as /radio play. A directory station (`rb-<uuid>`) is looked up after the gate: it may take a request.
 */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class PlayStationButtonHandler extends InteractionHandler {
	public override async parse(interaction: ButtonInteraction) {
		const stationId = customIdArgument(interaction.customId, CustomIdPrefix.PlayStation);
		if (stationId === null || !interaction.inCachedGuild()) return this.none();
		if (directoryUuid(stationId) !== null) return this.some<Station | string>(stationId);
		const station = (await this.container.guildStations.forGuild(interaction.guildId)).resolve(stationId);
		return station ? this.some<Station | string>(station) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, target: Station | string) {
		const gate = await checkPlayback(this.container, interaction);
		if (!gate.ok) return replyDenial(this.container, interaction, gate.denial);
		const station =
			typeof target === 'string'
				? await findStation(this.container, {
						guildId: interaction.guildId,
						userId: interaction.user.id,
						query: target,
						beforeNetwork: () => interaction.deferReply({ flags: MessageFlags.Ephemeral })
					})
				: target;
		if (!station) {
			this.container.playbackChanges.giveBack(interaction.user.id);
			const t = await fetchT(interaction);
			return replyEphemeral(interaction, translate(t, Radio.SearchGone, { command: this.container.mentions.of('radio search') }));
		}
		await startPlayback(this.container, interaction, station, gate.channel);
	}
}
