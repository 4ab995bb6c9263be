import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
import type { AutocompleteInteraction } from 'discord.js';
import { AutomaticLanguage, localeLabel, searchLocales } from '#lib/guild-settings/languageChoices';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

/** /setup language: "automatic" first, then every Discord locale whose name or code matches what is typed. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Autocomplete })
export class SetupLanguageAutocompleteHandler extends InteractionHandler {
	public override parse(interaction: AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		return interaction.commandName === 'setup' && focused.name === 'locale' ? this.some(String(focused.value)) : this.none();
	}

	public override async run(interaction: AutocompleteInteraction, query: string) {
		const t = await fetchT(interaction);
		const automatic = translate(t, Setup.LanguageAutomaticChoice);
		const showAutomatic =
			!query.trim() || automatic.toLowerCase().includes(query.trim().toLowerCase()) || AutomaticLanguage.startsWith(query.trim().toLowerCase());
		const choices = [
			...(showAutomatic ? [{ name: automatic.slice(0, 100), value: AutomaticLanguage }] : []),
			...searchLocales(query).map((locale) => ({ name: localeLabel(locale.code), value: locale.code }))
		];
		await interaction.respond(choices.slice(0, 25));
	}
}
