import type { TFunction } from '@sapphire/plugin-i18next';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	channelMention,
	ChannelSelectMenuBuilder,
	ChannelType,
	EmbedBuilder,
	LabelBuilder,
	ModalBuilder,
	roleMention,
	RoleSelectMenuBuilder,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle,
	type MessageActionRowComponentBuilder
} from 'discord.js';
import type { Station } from '#lib/config/types';
import { Colors } from '#lib/discord/colors';
import { AutomaticLanguage, DiscordLocales, localeLabel } from '#lib/guild-setup/discordLocales';
import { settingsEmbed, stationNameIn } from '#lib/guild-setup/settingsEmbed';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { VolumeInputs, wizardCustomId, type WizardAction } from './customIds.js';
import { QuestionCount, type SetupWizard, type WizardStep } from './SetupWizard.js';

/** Discord's limit of options in one select menu. */
export const StationsPerPage = 25;

type Row = ActionRowBuilder<MessageActionRowComponentBuilder>;

export interface WizardView {
	embeds: EmbedBuilder[];
	components: Row[];
}

/** The message for the wizard's current step: what is asked, the current answer, the controls and Back/Skip/Cancel. */
export function renderWizard(t: TFunction, wizard: SetupWizard, stations: readonly Station[]): WizardView {
	const stationName = stationNameIn(stations);
	if (wizard.step === 'summary') {
		const embed = settingsEmbed(t, wizard.draft, { stationName })
			.setTitle(translate(t, Setup.WizardSummaryTitle))
			.setDescription(translate(t, Setup.WizardSummary));
		return {
			embeds: [embed],
			components: [navigation(t, wizard, [button(t, wizard, 'save', Setup.WizardSave, ButtonStyle.Success)], { skip: false })]
		};
	}

	const question = questions[wizard.step];
	const description = [translate(t, question.text), translate(t, Setup.WizardCurrent, { value: question.current(t, wizard, stationName) })];
	if (wizard.step === 'volume' && wizard.volumeProblem) {
		const reason = translate(t, wizard.volumeProblem === 'notWholeNumber' ? Setup.VolumeNotWholeNumber : Setup.VolumeWrongOrder);
		description.push('', translate(t, Setup.WizardVolumeInvalid, { reason }));
	}
	const embed = new EmbedBuilder()
		.setColor(Colors.Info)
		.setTitle(translate(t, Setup.WizardTitle, { step: wizard.stepNumber, steps: QuestionCount }))
		.setDescription(description.join('\n'));
	return { embeds: [embed], components: question.controls(t, wizard, stations) };
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
	current(t: TFunction, wizard: SetupWizard, stationName: (id: string) => string | null): string;
	controls(t: TFunction, wizard: SetupWizard, stations: readonly Station[]): Row[];
}

const questions: Record<Exclude<WizardStep, 'summary'>, Question> = {
	language: {
		text: Setup.WizardLanguage,
		current: (t, { draft }) => (draft.language ? localeLabel(draft.language) : translate(t, Setup.ValueLanguageAutomatic)),
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
		current: (t, { draft }) => (draft.voiceChannelId ? channelMention(draft.voiceChannelId) : translate(t, Setup.ValueNotSet)),
		controls: (t, wizard) => {
			const menu = new ChannelSelectMenuBuilder()
				.setCustomId(wizardCustomId(wizard.id, 'voice', 'pick'))
				.setPlaceholder(translate(t, Setup.WizardVoicePlaceholder))
				.setChannelTypes(ChannelType.GuildVoice, ChannelType.GuildStageVoice);
			if (wizard.draft.voiceChannelId) menu.setDefaultChannels(wizard.draft.voiceChannelId);
			return [row(menu), navigation(t, wizard)];
		}
	},
	dj: {
		text: Setup.WizardDj,
		current: (t, { draft }) => (draft.djRoleId ? roleMention(draft.djRoleId) : translate(t, Setup.ValueDjEveryone)),
		controls: (t, wizard) => {
			const menu = new RoleSelectMenuBuilder()
				.setCustomId(wizardCustomId(wizard.id, 'dj', 'pick'))
				.setPlaceholder(translate(t, Setup.WizardDjPlaceholder));
			if (wizard.draft.djRoleId) menu.setDefaultRoles(wizard.draft.djRoleId);
			return [row(menu), navigation(t, wizard, [button(t, wizard, 'none', Setup.WizardDjNone)])];
		}
	},
	station: {
		text: Setup.WizardStation,
		current: (t, { draft }, stationName) =>
			draft.defaultStationId
				? (stationName(draft.defaultStationId) ?? translate(t, Setup.ValueStationMissing, { station: draft.defaultStationId }))
				: translate(t, Setup.ValueNotSet),
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
									label: station.name.slice(0, 100),
									value: station.id,
									description: station.description.slice(0, 100) || undefined,
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
		current: (t, { draft }) => translate(t, draft.autoJoin ? Setup.ValueOn : Setup.ValueOff),
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
		current: (t, { draft }) => translate(t, Setup.ValueVolume, { ...draft.volume }),
		controls: (t, wizard) => [row(button(t, wizard, 'volume', Setup.WizardVolumeButton, ButtonStyle.Primary)), navigation(t, wizard)]
	},
	notices: {
		text: Setup.WizardNotices,
		current: (t, { draft }) => (draft.noticeChannelId ? channelMention(draft.noticeChannelId) : translate(t, Setup.ValueNoticesCommandChannel)),
		controls: (t, wizard) => {
			const menu = new ChannelSelectMenuBuilder()
				.setCustomId(wizardCustomId(wizard.id, 'notices', 'pick'))
				.setPlaceholder(translate(t, Setup.WizardNoticesPlaceholder))
				.setChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);
			if (wizard.draft.noticeChannelId) menu.setDefaultChannels(wizard.draft.noticeChannelId);
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
