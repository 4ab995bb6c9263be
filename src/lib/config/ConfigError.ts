/** One problem found in a config file. `line` is 1-based; absent when the problem concerns the whole file (e.g. it is missing). */
export interface ConfigIssue {
	readonly file: string;
	readonly line?: number | undefined;
	/** Human-readable key path such as `radios."BBC Radio 1".url`; empty for file-level problems. */
	readonly keyPath: string;
	readonly message: string;
}

/**
 * Thrown by loadConfig for every problem with the config file. The message is meant to be printed as is (no stack trace):
 * one line per problem, each naming the file, the line and the key path.
 */
export class ConfigError extends Error {
	public override readonly name = 'ConfigError';
	/** Every problem found, in file order. The first one also fills `file`, `line` and `keyPath`. */
	public readonly issues: readonly ConfigIssue[];
	public readonly file: string;
	public readonly line: number | undefined;
	public readonly keyPath: string;

	public constructor(issues: readonly ConfigIssue[]) {
		if (issues.length === 0) throw new RangeError('ConfigError needs at least one issue');
		super(issues.map(formatConfigIssue).join('\n'));
		this.issues = Object.freeze([...issues]);
		this.file = issues[0].file;
		this.line = issues[0].line;
		this.keyPath = issues[0].keyPath;
	}
}

export function isConfigError(error: unknown): error is ConfigError {
	return error instanceof ConfigError;
}

/** The text to show a human for a config failure: the ConfigError message as is, anything else with its own message. */
export function formatConfigError(error: unknown): string {
	if (error instanceof ConfigError) return error.message;
	return error instanceof Error ? error.message : String(error);
}

/** `config.yaml:14: radios."BBC Radio 1".url: must be an http:// or https:// URL (got "ftp://x")` */
export function formatConfigIssue(issue: ConfigIssue): string {
	const location = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
	return issue.keyPath === '' ? `${location}: ${issue.message}` : `${location}: ${issue.keyPath}: ${issue.message}`;
}
