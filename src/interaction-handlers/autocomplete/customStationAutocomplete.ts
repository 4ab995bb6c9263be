import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { stationChoices } from '#lib/stations/catalog/stationLabels';
import { customStationFromRecord } from '#lib/stations/custom/customStation';

/** `/station remove`: only this server's own stations can be removed, so only they are suggested. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Autocomplete })
export class CustomStationAutocompleteHandler extends InteractionHandler {
	public override async parse(interaction: AutocompleteInteraction) {
		if (interaction.commandName !== 'station' || !interaction.guildId) return this.none();
		const focused = interaction.options.getFocused(true);
		if (focused.name !== 'station') return this.none();
		const { guildId } = interaction;
		// Suggestions are best effort: a storage failure shows none rather than failing the autocomplete.
		const records = await this.container.settings.customStations(guildId).catch(() => []);
		const own = new StationCatalog(records.map((record) => customStationFromRecord(record, guildId)));
		return this.some(stationChoices(own, String(focused.value)));
	}

	public override async run(interaction: AutocompleteInteraction, choices: ApplicationCommandOptionChoiceData<string>[]) {
		await interaction.respond(choices);
	}
}
