import type { Namespace } from '#lib/i18n/check/loadLanguages';

/** Where a string ends up in Discord decides its limits; the key's name says where (see docs/TRANSLATING.md). */
export type StringKindName =
	| 'commandName'
	| 'commandDescription'
	| 'choiceName'
	| 'buttonLabel'
	| 'selectPlaceholder'
	| 'selectOptionLabel'
	| 'selectOptionDescription'
	| 'modalTitle'
	| 'textInputLabel'
	| 'textInputPlaceholder'
	| 'embedTitle'
	| 'embedFieldName'
	| 'embedFieldValue'
	| 'embedFooter'
	| 'message';

export interface StringKind {
	/** In words, for messages: "button label". */
	readonly label: string;
	/** Discord's limit in characters. */
	readonly max: number;
	/** Shown as is (command registration): `{{variables}}` would reach users verbatim. */
	readonly literal?: boolean;
}

export const StringKinds: Readonly<Record<StringKindName, StringKind>> = {
	commandName: { label: 'command or option name', max: 32, literal: true },
	commandDescription: { label: 'command or option description', max: 100, literal: true },
	choiceName: { label: 'choice name', max: 100, literal: true },
	buttonLabel: { label: 'button label', max: 80 },
	selectPlaceholder: { label: 'select menu placeholder', max: 150 },
	selectOptionLabel: { label: 'select option label', max: 100 },
	selectOptionDescription: { label: 'select option description', max: 100 },
	modalTitle: { label: 'modal title', max: 45 },
	textInputLabel: { label: 'text input label', max: 45 },
	textInputPlaceholder: { label: 'text input placeholder', max: 100 },
	embedTitle: { label: 'embed title', max: 256 },
	embedFieldName: { label: 'embed field name', max: 256 },
	embedFieldValue: { label: 'embed field value', max: 1024 },
	embedFooter: { label: 'embed footer', max: 2048 },
	message: { label: 'message text', max: 2000 }
};

/** Key endings and the kind they declare, longest first where one ends another (`ModalTitle` before `Title`). */
export const KindSuffixes: readonly (readonly [suffix: string, kind: StringKindName])[] = [
	['ModalTitle', 'modalTitle'],
	['InputLabel', 'textInputLabel'],
	['InputPlaceholder', 'textInputPlaceholder'],
	['Placeholder', 'selectPlaceholder'],
	['Button', 'buttonLabel'],
	['OptionDescription', 'selectOptionDescription'],
	['Option', 'selectOptionLabel'],
	['Choice', 'choiceName'],
	['Title', 'embedTitle'],
	['Field', 'embedFieldName'],
	['Value', 'embedFieldValue'],
	['Footer', 'embedFooter']
];

/** Keys whose names do not carry their kind (`namespace:key`), with where the code puts them; new keys use the suffixes instead. */
export const KindOverrides: Readonly<Record<string, StringKindName>> = {
	'commands/general:infoServers': 'embedFieldName',
	'commands/general:infoListening': 'embedFieldName',
	'commands/general:infoStreams': 'embedFieldName',
	'commands/general:infoUptime': 'embedFieldName',
	'commands/general:infoMemory': 'embedFieldName',
	'commands/general:infoStations': 'embedFieldName',
	'commands/general:infoLatency': 'embedFieldName',
	'commands/general:infoSource': 'embedFieldName',
	'commands/radio:embedStation': 'embedFieldName',
	'commands/radio:embedFormat': 'embedFieldName',
	'commands/radio:infoNowPlaying': 'embedFieldName',
	'commands/radio:infoNoTitle': 'embedFieldValue',
	'commands/radio:infoSince': 'embedFieldName',
	'commands/radio:infoListeners': 'embedFieldName',
	'commands/radio:listTitleSearch': 'embedTitle',
	'commands/radio:listPrevious': 'buttonLabel',
	'commands/radio:listNext': 'buttonLabel',
	'commands/radio:retry': 'buttonLabel',
	'commands/radio:infoVolume': 'embedFieldName',
	'commands/setup:fieldLanguage': 'embedFieldName',
	'commands/setup:fieldVoice': 'embedFieldName',
	'commands/setup:fieldDj': 'embedFieldName',
	'commands/setup:fieldStation': 'embedFieldName',
	'commands/setup:fieldAutoJoin': 'embedFieldName',
	'commands/setup:fieldVolume': 'embedFieldName',
	'commands/setup:fieldNotices': 'embedFieldName',
	// Field values that are also button labels take the smaller limit.
	'commands/setup:valueOn': 'buttonLabel',
	'commands/setup:valueOff': 'buttonLabel',
	'commands/setup:valueLanguageAutomatic': 'embedFieldValue',
	'commands/setup:valueNotSet': 'embedFieldValue',
	'commands/setup:valueDjEveryone': 'embedFieldValue',
	'commands/setup:valueNoticesCommandChannel': 'embedFieldValue',
	'commands/setup:wizardDjNone': 'buttonLabel',
	'commands/setup:wizardNoticesNone': 'buttonLabel',
	'commands/setup:wizardPrevious': 'buttonLabel',
	'commands/setup:wizardNext': 'buttonLabel',
	'commands/setup:wizardBack': 'buttonLabel',
	'commands/setup:wizardSkip': 'buttonLabel',
	'commands/setup:wizardCancel': 'buttonLabel',
	'commands/setup:wizardSave': 'buttonLabel',
	'commands/setup:wizardVolumeMin': 'textInputLabel',
	'commands/setup:wizardVolumeDefault': 'textInputLabel',
	'commands/setup:wizardVolumeMax': 'textInputLabel'
};

/** Namespaces under `commands/` hold the application commands' names and descriptions. */
export function isCommandNamespace(namespace: string): boolean {
	return namespace.startsWith('commands/');
}

/**
 * The kind of `key` (without plural suffix) in `namespace`, judged from the en-US strings of that namespace.
 * In `commands/*`, `<base>Name` and `<base>Description` together are one command, subcommand or option, exactly the
 * pair `applyLocalizedBuilder(builder, 'namespace:<base>')` reads; a lone `…Name` is ordinary text.
 */
export function kindOf(namespace: string, key: string, reference: Namespace): StringKindName {
	const override = KindOverrides[`${namespace}:${key}`];
	if (override) return override;
	if (isCommandNamespace(namespace)) {
		if (key.endsWith('Name') && reference.has(`${key.slice(0, -'Name'.length)}Description`)) return 'commandName';
		if (key.endsWith('Description') && reference.has(`${key.slice(0, -'Description'.length)}Name`)) return 'commandDescription';
	}
	for (const [suffix, kind] of KindSuffixes) if (key.endsWith(suffix) && key.length > suffix.length) return kind;
	return 'message';
}
