import type { TFunction } from '@sapphire/plugin-i18next';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	ChannelSelectMenuBuilder,
	ChannelType,
	EmbedBuilder,
	LabelBuilder,
	ModalBuilder,
	RoleSelectMenuBuilder,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle,
	type MessageActionRowComponentBuilder
} from 'discord.js';
import type { Station } from '#lib/config/types';
import { Colors } from '#lib/discord/colors';
import { AutomaticLanguage, DiscordLocales, localeLabel } from '#lib/guild-settings/languageChoices';
import { isAutoJoinIncomplete, settingsEmbed, settingValues, type SettingsLookups } from '#lib/guild-settings/settingsEmbed';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { VolumeInputs, wizardCustomId, type WizardAction } from '#lib/discord/customIds';
import { QuestionCount, type SetupWizard, type WizardStep } from '#lib/guild-settings/SetupWizard';
import { DiscordLimits } from '#lib/discord/limits';
import { labelText } from '#lib/text/userText';

/** Discord's limit of options in one select menu. */
export const StationsPerPage = 25;

type Row = ActionRowBuilder<MessageActionRowComponentBuilder>;

export interface WizardView {
	embeds: EmbedBuilder[];
	components: Row[];
}

/**
 * The message for the wizard's current step: what is asked, the current answer, the controls and Back/Skip/Cancel.
 * `lookups` tell a deleted role or channel, or a removed station, from one that is still there.
 */
export function renderWizard(t: TFunction, wizard: SetupWizard, stations: readonly Station[], lookups: SettingsLookups): WizardView {
	if (wizard.step === 'summary') {
		const description = [translate(t, Setup.WizardSummary)];
		if (isAutoJoinIncomplete(wizard.draft, lookups)) description.push('', translate(t, Setup.WizardAutoJoinIncomplete));
		const embed = settingsEmbed(t, wizard.draft, lookups).setTitle(translate(t, Setup.WizardSummaryTitle)).setDescription(description.join('\n'));
		return {
			embeds: [embed],
			components: [navigation(t, wizard, [button(t, wizard, 'save', Setup.WizardSave, ButtonStyle.Success)], { skip: false })]
		};
	}

	const question = questions[wizard.step];
	const description = [translate(t, question.text), translate(t, Setup.WizardCurrent, { value: question.current(t, wizard, lookups) })];
	if (wizard.step === 'volume' && wizard.volumeProblem) {
		const reason = translate(t, wizard.volumeProblem === 'notWholeNumber' ? Setup.VolumeNotWholeNumber : Setup.VolumeWrongOrder);
		description.push('', translate(t, Setup.WizardVolumeInvalid, { reason }));
	}
	const embed = new EmbedBuilder()
		.setColor(Colors.Info)
		.setTitle(translate(t, Setup.WizardTitle, { step: wizard.stepNumber, steps: QuestionCount }))
		.setDescription(description.join('\n'));
	return { embeds: [embed], components: question.controls(t, wizard, stations, lookups) };
}

/** The volume step's modal, pre-filled with the draft's limits. */
export function volumeModal(t: TFunction, wizard: SetupWizard): ModalBuilder {
	const input = (customId: string, label: typeof Setup.WizardVolumeMin, value: number) =>
		new LabelBuilder()
			.setLabel(translate(t, label))
			.setTextInputComponent(
				new TextInputBuilder().setCustomId(customId).setStyle(TextInputStyle.Short).setMinLength(1).setMaxLength(4).setValue(String(value))
			);
	const { volume } = wizard.draft;
	return new ModalBuilder()
		.setCustomId(wizardCustomId(wizard.id, 'volume', 'volumeModal'))
		.setTitle(translate(t, Setup.WizardVolumeModalTitle))
		.addLabelComponents(
			input(VolumeInputs.Min, Setup.WizardVolumeMin, volume.min),
			input(VolumeInputs.Default, Setup.WizardVolumeDefault, volume.default),
			input(VolumeInputs.Max, Setup.WizardVolumeMax, volume.max)
		);
}

interface Question {
	text: typeof Setup.WizardLanguage;
	current(t: TFunction, wizard: SetupWizard, lookups: SettingsLookups): string;
	controls(t: TFunction, wizard: SetupWizard, stations: readonly Station[], lookups: SettingsLookups): Row[];
}

const questions: Record<Exclude<WizardStep, 'summary'>, Question> = {
	language: {
		text: Setup.WizardLanguage,
		current: (t, { draft }) => settingValues.language(t, draft),
		controls: (t, wizard) => {
			const choices = [
				{ label: translate(t, Setup.LanguageAutomaticChoice), value: AutomaticLanguage },
				...DiscordLocales.map((locale) => ({ label: localeLabel(locale.code), value: locale.code }))
			];
			const half = Math.ceil(choices.length / 2);
			const parts = [choices.slice(0, half), choices.slice(half)];
			const current = wizard.draft.language ?? AutomaticLanguage;
			const menus = parts.map((options, index) =>
				row(
					new StringSelectMenuBuilder()
						.setCustomId(wizardCustomId(wizard.id, 'language', 'language', String(index + 1)))
						.setPlaceholder(translate(t, Setup.WizardLanguagePlaceholder, { part: index + 1, parts: parts.length }))
						.addOptions(options.map((option) => ({ ...option, default: option.value === current })))
				)
			);
			return [...menus, navigation(t, wizard)];
		}
	},
	voice: {
		text: Setup.WizardVoice,
		current: (t, { draft }, lookups) => settingValues.voice(t, draft, lookups),
		controls: (t, wizard, _stations, lookups) => {
			const menu = new ChannelSelectMenuBuilder()
				.setCustomId(wizardCustomId(wizard.id, 'voice', 'pick'))
				.setPlaceholder(translate(t, Setup.WizardVoicePlaceholder))
				.setChannelTypes(ChannelType.GuildVoice, ChannelType.GuildStageVoice);
			if (wizard.draft.voiceChannelId && lookups.hasChannel(wizard.draft.voiceChannelId)) menu.setDefaultChannels(wizard.draft.voiceChannelId);
			return [row(menu), navigation(t, wizard)];
		}
	},
	dj: {
		text: Setup.WizardDj,
		current: (t, { draft }, lookups) => settingValues.dj(t, draft, lookups),
		controls: (t, wizard, _stations, lookups) => {
			const menu = new RoleSelectMenuBuilder()
				.setCustomId(wizardCustomId(wizard.id, 'dj', 'pick'))
				.setPlaceholder(translate(t, Setup.WizardDjPlaceholder));
			if (wizard.draft.djRoleId && lookups.hasRole(wizard.draft.djRoleId)) menu.setDefaultRoles(wizard.draft.djRoleId);
			return [row(menu), navigation(t, wizard, [button(t, wizard, 'none', Setup.WizardDjNone)])];
		}
	},
	station: {
		text: Setup.WizardStation,
		current: (t, { draft }, lookups) => settingValues.station(t, draft, lookups),
		controls: (t, wizard, stations) => {
			const pages = Math.max(1, Math.ceil(stations.length / StationsPerPage));
			const page = Math.min(wizard.stationPage, pages - 1);
			const shown = stations.slice(page * StationsPerPage, (page + 1) * StationsPerPage);
			const rows: Row[] = [];
			if (shown.length > 0)
				rows.push(
					row(
						new StringSelectMenuBuilder()
							.setCustomId(wizardCustomId(wizard.id, 'station', 'pick'))
							.setPlaceholder(translate(t, Setup.WizardStationPlaceholder, { page: page + 1, pages }))
							.addOptions(
								shown.map((station) => ({
									label: labelText(station.name, DiscordLimits.SelectOptionLabel),
									value: station.id,
									description: labelText(station.description, DiscordLimits.SelectOptionDescription) || undefined,
									default: station.id === wizard.draft.defaultStationId
								}))
							)
					)
				);
			const paging =
				pages > 1
					? [
							button(t, wizard, 'previous', Setup.WizardPrevious).setDisabled(page === 0),
							button(t, wizard, 'next', Setup.WizardNext).setDisabled(page >= pages - 1)
						]
					: [];
			rows.push(navigation(t, wizard, paging));
			return rows;
		}
	},
	autoJoin: {
		text: Setup.WizardAutoJoin,
		current: (t, { draft }, lookups) => settingValues.autoJoin(t, draft, lookups),
		controls: (t, wizard) => [
			row(
				button(t, wizard, 'on', Setup.ValueOn, wizard.draft.autoJoin ? ButtonStyle.Success : ButtonStyle.Secondary),
				button(t, wizard, 'off', Setup.ValueOff, wizard.draft.autoJoin ? ButtonStyle.Secondary : ButtonStyle.Danger)
			),
			navigation(t, wizard)
		]
	},
	volume: {
		text: Setup.WizardVolume,
		current: (t, { draft }) => settingValues.volume(t, draft),
		controls: (t, wizard) => [row(button(t, wizard, 'volume', Setup.WizardVolumeButton, ButtonStyle.Primary)), navigation(t, wizard)]
	},
	notices: {
		text: Setup.WizardNotices,
		current: (t, { draft }, lookups) => settingValues.notices(t, draft, lookups),
		controls: (t, wizard, _stations, lookups) => {
			const menu = new ChannelSelectMenuBuilder()
				.setCustomId(wizardCustomId(wizard.id, 'notices', 'pick'))
				.setPlaceholder(translate(t, Setup.WizardNoticesPlaceholder))
				.setChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);
			if (wizard.draft.noticeChannelId && lookups.hasChannel(wizard.draft.noticeChannelId))
				menu.setDefaultChannels(wizard.draft.noticeChannelId);
			return [row(menu), navigation(t, wizard, [button(t, wizard, 'none', Setup.WizardNoticesNone)])];
		}
	}
};

/** Back (not on the first step), the step's extra buttons, Skip, Cancel: at most five, one row. */
function navigation(t: TFunction, wizard: SetupWizard, extra: ButtonBuilder[] = [], { skip = true } = {}): Row {
	const buttons = [
		...(wizard.stepNumber > 1 ? [button(t, wizard, 'back', Setup.WizardBack)] : []),
		...extra,
		...(skip ? [button(t, wizard, 'skip', Setup.WizardSkip)] : []),
		button(t, wizard, 'cancel', Setup.WizardCancel, ButtonStyle.Danger)
	];
	return row(...buttons);
}

function button(
	t: TFunction,
	wizard: SetupWizard,
	action: WizardAction,
	label: typeof Setup.WizardBack,
	style = ButtonStyle.Secondary
): ButtonBuilder {
	return new ButtonBuilder()
		.setCustomId(wizardCustomId(wizard.id, wizard.step, action))
		.setLabel(translate(t, label))
		.setStyle(style);
}

function row(...components: MessageActionRowComponentBuilder[]): Row {
	return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(components);
}
