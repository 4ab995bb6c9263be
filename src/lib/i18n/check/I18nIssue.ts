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
