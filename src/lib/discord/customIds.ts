import { WizardSteps, type WizardStep } from '#lib/guild-settings/SetupWizard';

// Every component custom id the bot sends: a prefix naming the handler, then its arguments. Discord caps custom ids at
// 100 characters, so free text (a search) is cut to fit.

export const CustomIdPrefix = {
	PlayStation: 'radio-play',
	ListPage: 'radio-list',
	ListSelect: 'radio-list-select',
	/** The now-playing card's buttons (`radio-card:stop`) and its station menu. */
	Card: 'radio-card',
	CardSwitch: 'radio-card-switch'
} as const;

const MaxCustomIdLength = 100;

export function playStationId(stationId: string): string {
	return `${CustomIdPrefix.PlayStation}:${stationId}`.slice(0, MaxCustomIdLength);
}

export function listPageId(page: number, query: string, direction: 'previous' | 'next'): string {
	return `${CustomIdPrefix.ListPage}:${direction}:${page}:${query}`.slice(0, MaxCustomIdLength);
}

export const CardButtons = ['stop', 'quieter', 'louder'] as const;
export type CardButton = (typeof CardButtons)[number];

export function cardButtonId(button: CardButton): string {
	return `${CustomIdPrefix.Card}:${button}`;
}

/** Which card button, or null when the id belongs to another handler. */
export function parseCardButtonId(customId: string): CardButton | null {
	const argument = customIdArgument(customId, CustomIdPrefix.Card);
	return (CardButtons as readonly (string | null)[]).includes(argument) ? (argument as CardButton) : null;
}

/** The argument after `prefix:`, or null when `customId` belongs to another handler. */
export function customIdArgument(customId: string, prefix: string): string | null {
	return customId.startsWith(`${prefix}:`) ? customId.slice(prefix.length + 1) : null;
}

export function parseListPageId(customId: string): { page: number; query: string } | null {
	const argument = customIdArgument(customId, CustomIdPrefix.ListPage);
	const match = argument === null ? null : /^(?:previous|next):(\d+):(.*)$/s.exec(argument);
	return match ? { page: Number(match[1]), query: match[2]! } : null;
}

/** `radio-dir:<action>:<uuid>`: the Favourite and Save buttons under a /radio search result (its Play button plays `rb-<uuid>`). */
export const DirectoryPrefix = 'radio-dir';
export type DirectoryAction = 'fav' | 'save';

export function directoryCustomId(action: DirectoryAction, uuid: string): string {
	return `${DirectoryPrefix}:${action}:${uuid}`;
}

export function parseDirectoryCustomId(customId: string): { action: DirectoryAction; uuid: string } | null {
	const match = /^radio-dir:(fav|save):([0-9a-f-]{36})$/.exec(customId);
	return match ? { action: match[1] as DirectoryAction, uuid: match[2]! } : null;
}

/**
 * `setup-wizard:<wizardId>:<step>:<action>`. The step lets a click on a component of an earlier page (a double
 * click, a lagging client) be told apart from an answer to the page on screen.
 */
export const WizardPrefix = 'setup-wizard';

export type WizardAction =
	'language' | 'pick' | 'none' | 'on' | 'off' | 'volume' | 'volumeModal' | 'previous' | 'next' | 'back' | 'skip' | 'cancel' | 'save';

const Actions: ReadonlySet<string> = new Set<WizardAction>([
	'language',
	'pick',
	'none',
	'on',
	'off',
	'volume',
	'volumeModal',
	'previous',
	'next',
	'back',
	'skip',
	'cancel',
	'save'
]);

export interface WizardCustomId {
	readonly wizardId: string;
	readonly step: WizardStep;
	readonly action: WizardAction;
	/** Distinguishes several components with the same action on one page (the two language menus). */
	readonly part: string;
}

export function wizardCustomId(wizardId: string, step: WizardStep, action: WizardAction, part = ''): string {
	return `${WizardPrefix}:${wizardId}:${step}:${action}${part ? `:${part}` : ''}`;
}

/** Null when the id belongs to another handler or is malformed. */
export function parseWizardCustomId(customId: string): WizardCustomId | null {
	const [prefix, wizardId, step, action, part = ''] = customId.split(':');
	if (prefix !== WizardPrefix || !wizardId || !step || !action) return null;
	if (!(WizardSteps as readonly string[]).includes(step) || !Actions.has(action)) return null;
	return { wizardId, step: step as WizardStep, action: action as WizardAction, part };
}

/** Text inputs of the volume modal. */
export const VolumeInputs = { Min: 'min', Default: 'default', Max: 'max' } as const;

/** `setup-reset:confirm` and `setup-reset:keep`: the buttons under /setup reset's question. */
export const ResetPrefix = 'setup-reset';
export type ResetChoice = 'confirm' | 'keep';

export function resetCustomId(choice: ResetChoice): string {
	return `${ResetPrefix}:${choice}`;
}

export function parseResetCustomId(customId: string): ResetChoice | null {
	const [prefix, choice] = customId.split(':');
	return prefix === ResetPrefix && (choice === 'confirm' || choice === 'keep') ? choice : null;
}
