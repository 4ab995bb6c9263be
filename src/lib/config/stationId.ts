import { createHash } from 'node:crypto';

/**
 * A stable, URL-safe id for a station display name: lowercase ASCII letters, digits and single dashes.
 * "BBC Radio 1" → "bbc-radio-1", "FIP Électro" → "fip-electro". Names with no ASCII letters or digits get a short hash instead.
 */
export function stationId(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug !== '') return slug;
	return `station-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 8)}`;
}

/** Aliases match case-insensitively and ignore surrounding or repeated spaces: " BBC  One " → "bbc one". */
export function normalizeAlias(alias: string): string {
	return alias.trim().replace(/\s+/g, ' ').toLowerCase();
}
