import { normalizeAlias } from '#lib/config/normalizeAlias';
import type { StationDirectory } from '#lib/stations/StationDirectory';

export const MaxNameLength = 50;
export const MaxAliasLength = 32;
export const MaxAliases = 5;

/**
 * Letters, digits, marks, spaces and a few punctuation marks: enough for "Rock & Roll FM (Live)", while names cannot
 * carry mentions (@everyone, <@id>), markdown or control characters into messages and voice channel statuses.
 */
const allowedText = /^[\p{L}\p{N}\p{M} .,'’&!?()+:/-]+$/u;

export type NameProblem =
	| { readonly problem: 'name-invalid' }
	| { readonly problem: 'alias-invalid'; readonly alias: string }
	| { readonly problem: 'too-many-aliases' }
	| { readonly problem: 'taken'; readonly key: string; readonly by: string };

export interface ValidNames {
	readonly name: string;
	readonly aliases: readonly string[];
}

/** Trims and checks a name and a comma-separated alias list; null when something is wrong (see `nameProblem`). */
export function parseNames(rawName: string, rawAliases: string | null): ValidNames | NameProblem {
	const name = rawName.trim().replace(/\s+/g, ' ');
	if (name.length < 2 || name.length > MaxNameLength || !allowedText.test(name)) return { problem: 'name-invalid' };
	const aliases = [
		...new Set(
			(rawAliases ?? '')
				.split(',')
				.map(normalizeAlias)
				.filter((alias) => alias !== '' && alias !== normalizeAlias(name))
		)
	];
	if (aliases.length > MaxAliases) return { problem: 'too-many-aliases' };
	const invalid = aliases.find((alias) => alias.length > MaxAliasLength || !allowedText.test(alias));
	if (invalid !== undefined) return { problem: 'alias-invalid', alias: invalid };
	return { name, aliases };
}

/** The first of the new station's id, name and aliases that already names a station this server can play, or null. */
export function findCollision(directory: StationDirectory, id: string, names: ValidNames): NameProblem | null {
	for (const key of [names.name, ...names.aliases, id]) {
		const existing = directory.exact(key);
		if (existing) return { problem: 'taken', key, by: existing.name };
	}
	return null;
}
