import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import { stationChoices } from '#lib/stations/catalog/stationLabels';

/** Suggests stations for any `station` option (the server's own stations included), best match first, with bitrate and format badges. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Autocomplete })
export class StationAutocompleteHandler extends InteractionHandler {
	public override async parse(interaction: AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		// /station remove suggests only the server's own stations (customStationAutocomplete).
		if (focused.name !== 'station' || interaction.commandName === 'station') return this.none();
		const catalog = await this.container.guildStations.forGuild(interaction.guildId);
		const { stationHealth } = this.container;
		return this.some(stationChoices(catalog, String(focused.value), (stationId) => stationHealth.stateOf(stationId) === 'down'));
	}

	public override async run(interaction: AutocompleteInteraction, choices: ApplicationCommandOptionChoiceData<string>[]) {
		await interaction.respond(choices);
	}
}
