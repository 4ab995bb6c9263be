/** Aliases match case-insensitively and ignore surrounding or repeated spaces: " BBC  One " → "bbc one". */
export function normalizeAlias(alias: string): string {
	return alias.trim().replace(/\s+/g, ' ').toLowerCase();
}
