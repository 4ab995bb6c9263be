import { normalizeAlias, stationId } from '#lib/config/stationId';

/** The id of the station a `fallback` entry names: by name (as written), id or alias; undefined when none. */
export function stationReferences(radios: Readonly<Record<string, unknown>>, names: readonly string[]): (reference: string) => string | undefined {
	const ids = new Map<string, string>();
	for (const name of names) {
		const id = stationId(name);
		ids.set(name.trim().toLowerCase(), id);
		ids.set(id, id);
	}
	// Aliases last: a name or id always wins over another station's alias (checkStations refuses such clashes anyway).
	for (const name of names) {
		const aliases = (radios[name] as { aliases?: unknown } | null | undefined)?.aliases;
		if (!Array.isArray(aliases)) continue;
		for (const alias of aliases)
			if (typeof alias === 'string' && !ids.has(normalizeAlias(alias))) ids.set(normalizeAlias(alias), stationId(name));
	}
	return (reference) => ids.get(reference.trim().toLowerCase()) ?? ids.get(normalizeAlias(reference));
}
