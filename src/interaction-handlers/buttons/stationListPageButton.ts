import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
import type { ButtonInteraction } from 'discord.js';
import { parseListPageId } from '#lib/discord/customIds';
import { stationListPage } from '#lib/radio-ui/stationListPage';

/** Previous/Next on /radio list: redraws the same message at the requested page. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class StationListPageButtonHandler extends InteractionHandler {
	public override parse(interaction: ButtonInteraction) {
		const target = parseListPageId(interaction.customId);
		return target ? this.some(target) : this.none();
	}

	public override async run(interaction: ButtonInteraction, { page, query }: { page: number; query: string }) {
		const t = await fetchT(interaction);
		const { guildStations, stationHealth } = this.container;
		await interaction.update(
			stationListPage(t, await guildStations.forGuild(interaction.guildId), query, page, (id) => stationHealth.stateOf(id))
		);
	}
}
