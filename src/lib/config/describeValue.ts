/** A short, quoted rendering of a value from the config file for error messages: `"ftp://x"`, `5`, `null`, `a list`. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	return typeof value;
}

/** The kind of a value, used in type errors: "must be a number (got string "128")". */
export function describeKind(value: unknown): string {
	if (value === null || value === undefined) return describeValue(value);
	if (typeof value === 'string') return `text ${describeValue(value)}`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
	return describeValue(value);
}
