/** What a check found; `error`s fail `npm run i18n:check`, `warning`s are printed only. */
export type Severity = 'error' | 'warning';

export type I18nRule =
	| 'locale-folder'
	| 'invalid-json'
	| 'invalid-value'
	| 'missing-key'
	| 'extra-key'
	| 'plural-forms'
	| 'variables'
	| 'command-name'
	| 'length'
	| 'stray-file';

export interface I18nIssue {
	readonly severity: Severity;
	readonly rule: I18nRule;
	/** The `languages/<locale>/` folder, or the stray file's name. */
	readonly locale: string;
	/** Namespace as i18next sees it, e.g. `commands/radio`. */
	readonly namespace?: string;
	readonly key?: string;
	readonly message: string;
}

/** A translation quoted for a message, shortened when long. */
export function quote(text: string): string {
	return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}…` : text);
}

export function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
