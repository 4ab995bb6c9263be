import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import { ChoiceMarks, choicesWithPinned, pinnedStations } from '#lib/favorites/favoriteChoices';
import { stationChoices } from '#lib/stations/catalog/stationLabels';

/**
 * Suggests stations for any `station` option (the server's own stations included), best match first, with bitrate and
 * format badges, stations known to be off air last. In /radio play the member's last station and favourites come first; in /radio favorite, the station
 * playing here, then their favourites (picking one removes it).
 */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Autocomplete })
export class StationAutocompleteHandler extends InteractionHandler {
	public override async parse(interaction: AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		// /station remove suggests only the server's own stations (customStationAutocomplete).
		if (focused.name !== 'station' || interaction.commandName === 'station') return this.none();
		const { guildId } = interaction;
		const catalog = await this.container.guildStations.forGuild(guildId);
		const { stationHealth } = this.container;
		const isOffAir = (stationId: string) => stationHealth.stateOf(stationId) === 'down';
		const subcommand = interaction.commandName === 'radio' ? interaction.options.getSubcommand(false) : null;
		if (guildId === null || (subcommand !== 'play' && subcommand !== 'favorite'))
			return this.some(stationChoices(catalog, String(focused.value), isOffAir));

		const record = await this.container.memberStations.get(interaction.user.id).catch(() => null);
		const playing = subcommand === 'favorite' ? this.container.voice.sessionFor(guildId)?.station : undefined;
		const pinned = pinnedStations(record, catalog, guildId, {
			first: playing ? [{ station: playing, mark: ChoiceMarks.Playing }] : [],
			last: subcommand === 'play'
		});
		return this.some(choicesWithPinned(pinned, catalog, String(focused.value), isOffAir));
	}

	public override async run(interaction: AutocompleteInteraction, choices: ApplicationCommandOptionChoiceData<string>[]) {
		await interaction.respond(choices);
	}
}
