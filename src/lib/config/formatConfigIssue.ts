import type { ConfigIssue } from '#lib/config/ConfigError';

/** `config.yaml:14: radios."BBC Radio 1".url: must be an http:// or https:// URL (got "ftp://x")` */
export function formatConfigIssue(issue: ConfigIssue): string {
	const location = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
	return issue.keyPath === '' ? `${location}: ${issue.message}` : `${location}: ${issue.keyPath}: ${issue.message}`;
}
