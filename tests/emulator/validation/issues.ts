/** One reason a request body is invalid, located by its JSON path (as Discord reports it in `errors`). */
export interface ValidationIssue {
	path: readonly (string | number)[];
	code: string;
	message: string;
}

export function issue(path: readonly (string | number)[], code: string, message: string): ValidationIssue {
	return { path, code, message };
}

/** Discord's nested error shape: `{ options: { 0: { name: { _errors: [{ code, message }] } } } }`. */
export function toDiscordErrors(issues: readonly ValidationIssue[]): Record<string, unknown> {
	const root: Record<string, any> = {};
	for (const { path, code, message } of issues) {
		let node = root;
		for (const key of path) {
			node[String(key)] ??= {};
			node = node[String(key)];
		}
		node._errors ??= [];
		node._errors.push({ code, message });
	}
	return root;
}
