import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import { stationChoices } from '#lib/stations/stationChoices';

/** Suggests stations for any `station` option, best match first, with bitrate and format badges. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Autocomplete })
export class StationAutocompleteHandler extends InteractionHandler {
	public override parse(interaction: AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		if (focused.name !== 'station') return this.none();
		return this.some(stationChoices(this.container.stations, String(focused.value)));
	}

	public override async run(interaction: AutocompleteInteraction, choices: ApplicationCommandOptionChoiceData<string>[]) {
		await interaction.respond(choices);
	}
}
