import { WizardSteps, type WizardStep } from '#lib/guild-settings/SetupWizard';

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
