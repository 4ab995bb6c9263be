import { isDeepStrictEqual } from 'node:util';
import type { Config, Station } from '#lib/config/types';

/** What a new config.yaml changes about the stations, by id. */
export interface StationChanges {
	readonly added: readonly Station[];
	readonly removed: readonly Station[];
	/** Same id, another stream (URL or format): its listeners need a new pipeline. */
	readonly restreamed: readonly Station[];
	/** Same id and stream, other name, aliases, bitrate or description: only what is shown changes. */
	readonly relabelled: readonly Station[];
}

export function diffStations(previous: readonly Station[], next: readonly Station[]): StationChanges {
	const before = new Map(previous.map((station) => [station.id, station]));
	const after = new Map(next.map((station) => [station.id, station]));
	const kept = next.filter((station) => before.has(station.id));
	return {
		added: next.filter((station) => !before.has(station.id)),
		removed: previous.filter((station) => !after.has(station.id)),
		restreamed: kept.filter((station) => !sameStream(before.get(station.id)!, station)),
		relabelled: kept.filter((station) => sameStream(before.get(station.id)!, station) && !isDeepStrictEqual(before.get(station.id), station))
	};
}

/** What a reload applies; every other section was built into services at start. */
const AppliedOnReload: ReadonlySet<string> = new Set(['file', 'bot', 'radios', 'donations']);

/**
 * Sections a reload does not apply: the services built from them at start keep their values until a restart. A reload
 * applies the stations, the bot's texts and links (`bot`), the donations; any other section that changed (config_reload
 * included, and sections added later) is named, as written in config.yaml.
 */
export function sectionsNeedingRestart(previous: Config, next: Config): string[] {
	return (Object.keys(next) as (keyof Config)[])
		.filter((key) => !AppliedOnReload.has(key) && !isDeepStrictEqual(previous[key], next[key]))
		.map((key) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
}

function sameStream(a: Station, b: Station): boolean {
	return a.url === b.url && a.format === b.format;
}
