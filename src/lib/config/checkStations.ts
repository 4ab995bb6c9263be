import type { LocatedProblem } from '#lib/config/describeIssue';
import { closestMatch } from '#lib/config/didYouMean';
import { normalizeAlias } from '#lib/config/stationId';
import { stationId } from '#lib/config/stationId';
import type { SourcePositions } from '#lib/config/positions';
import { stationReferences } from '#lib/config/stationReferences';

/**
 * Checks that need every station at once: ids (derived from names) are unique, and each alias belongs to one station only
 * and is not another station's id. Works on the raw parsed YAML, skipping values of the wrong type (the schema reports those),
 * so these problems are reported together with schema problems.
 */
export function checkStations(rawRadios: unknown, positions: SourcePositions, file: string): LocatedProblem[] {
	if (rawRadios === null || typeof rawRadios !== 'object' || Array.isArray(rawRadios)) return [];
	const radios = rawRadios as Record<string, unknown>;
	const names = positions.keysOf(['radios']).filter((name) => Object.hasOwn(radios, name));
	const problems: LocatedProblem[] = [];
	const idOwners = new Map<string, string>();

	for (const name of names) {
		const path = ['radios', name];
		if (name.trim() === '') {
			problems.push({ path, message: 'station name must not be empty' });
			continue;
		}
		const id = stationId(name);
		const owner = idOwners.get(id);
		if (owner === undefined) idOwners.set(id, name);
		else {
			const where = `${file}:${positions.lineOf(['radios', owner])}`;
			problems.push({ path, message: `gets the id "${id}", which station "${owner}" (${where}) already has: rename one of them` });
		}
	}

	const aliasOwners = new Map<string, { name: string; index: number }>();
	for (const name of names) {
		const aliases = (radios[name] as { aliases?: unknown } | null)?.aliases;
		if (!Array.isArray(aliases)) continue;
		const ownId = stationId(name);
		aliases.forEach((raw: unknown, index) => {
			if (typeof raw !== 'string') return;
			const alias = normalizeAlias(raw);
			if (alias === '') return;
			const path = ['radios', name, 'aliases', index];
			const idOwner = idOwners.get(alias);
			if (idOwner !== undefined && alias !== ownId) {
				const where = `${file}:${positions.lineOf(['radios', idOwner])}`;
				problems.push({ path, message: `alias "${alias}" is the id of station "${idOwner}" (${where})` });
				return;
			}
			const previous = aliasOwners.get(alias);
			if (previous === undefined) aliasOwners.set(alias, { name, index });
			else if (previous.name !== name) {
				const where = `${file}:${positions.lineOf(['radios', previous.name, 'aliases', previous.index])}`;
				problems.push({ path, message: `alias "${alias}" is also used by station "${previous.name}" (${where})` });
			}
		});
	}
	problems.push(...checkFallbacks(radios, names));
	return problems;
}

/** Each `fallback` entry names another station of the file (by name, alias or id). */
function checkFallbacks(radios: Record<string, unknown>, names: readonly string[]): LocatedProblem[] {
	const idOf = stationReferences(radios, names);
	const problems: LocatedProblem[] = [];
	for (const name of names) {
		const fallback = (radios[name] as { fallback?: unknown } | null)?.fallback;
		if (!Array.isArray(fallback)) continue;
		fallback.forEach((reference: unknown, index) => {
			if (typeof reference !== 'string' || reference.trim() === '') return;
			const path = ['radios', name, 'fallback', index];
			const id = idOf(reference);
			if (id === stationId(name)) problems.push({ path, message: `"${reference}" is this station itself: name another station` });
			else if (id === undefined) {
				const hint = closestMatch(reference.trim(), names);
				problems.push({
					path,
					message: `"${reference}" is not a station in this file${hint ? ` (did you mean "${hint}"?)` : ''}: use a station's name, alias or id`
				});
			}
		});
	}
	return problems;
}
