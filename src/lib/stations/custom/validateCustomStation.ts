import { normalizeAlias } from '#lib/config/stationId';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { plainText } from '#lib/text/userText';

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
	/** Normalized (lower case), as they are stored and matched. */
	readonly aliases: readonly string[];
	/** Each normalized alias as the user typed it (trimmed): what messages quote. */
	readonly typedAliases: ReadonlyMap<string, string>;
}

/** Trims and checks a name and a comma-separated alias list; null when something is wrong (see `nameProblem`). */
export function parseNames(rawName: string, rawAliases: string | null): ValidNames | NameProblem {
	const name = plainText(rawName);
	// Control and invisible characters are refused, not silently dropped: the admin sees the name that will be shown.
	if (name !== rawName.trim().replace(/\s+/g, ' ')) return { problem: 'name-invalid' };
	if (name.length < 2 || name.length > MaxNameLength || !allowedText.test(name)) return { problem: 'name-invalid' };
	const typedAliases = new Map<string, string>();
	for (const typed of (rawAliases ?? '').split(',')) {
		const alias = normalizeAlias(plainText(typed));
		if (alias !== '' && alias !== normalizeAlias(name) && !typedAliases.has(alias)) typedAliases.set(alias, plainText(typed));
	}
	const aliases = [...typedAliases.keys()];
	if (aliases.length > MaxAliases) return { problem: 'too-many-aliases' };
	const invalid = aliases.find((alias) => alias.length > MaxAliasLength || !allowedText.test(alias));
	if (invalid !== undefined) return { problem: 'alias-invalid', alias: typedAliases.get(invalid)! };
	return { name, aliases, typedAliases };
}

/**
 * A name for `/station add` rules made from a name that need not follow them (a directory station's): the characters
 * names may not hold are dropped, and it is cut to the longest name allowed at a word if it can be. May still be too short.
 */
export function usableName(raw: string): string {
	const kept = [...plainText(raw)]
		.filter((character) => allowedText.test(character))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
	if (kept.length <= MaxNameLength) return kept;
	const cut = kept.slice(0, MaxNameLength);
	const space = cut.lastIndexOf(' ');
	return (space >= MaxNameLength / 2 ? cut.slice(0, space) : cut).trim();
}

/**
 * The first of the new station's name, aliases and id that already names a station this server can play, or null.
 * The problem quotes what the user typed: the alias as typed, and the name for a clash of the id made from it.
 */
export function findCollision(directory: StationDirectory, id: string, names: ValidNames): NameProblem | null {
	const candidates: [key: string, typed: string][] = [
		[names.name, names.name],
		...names.aliases.map((alias): [string, string] => [alias, names.typedAliases.get(alias) ?? alias]),
		[id, names.name]
	];
	for (const [key, typed] of candidates) {
		const existing = directory.exact(key);
		if (existing) return { problem: 'taken', key: typed, by: existing.name };
	}
	return null;
}
