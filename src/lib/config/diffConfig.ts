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

/**
 * Sections a reload does not apply: the services built from them at start keep their values until a restart. A reload
 * applies the stations, the bot's texts and links (`bot`), the donations, and config_reload.debounce_ms is read once too.
 */
export function sectionsNeedingRestart(previous: Config, next: Config): string[] {
	const sections = {
		voice: 'voice',
		stream: 'stream',
		setup: 'setup',
		resume: 'resume',
		limits: 'limits',
		sharding: 'sharding',
		configReload: 'config_reload'
	} as const;
	return Object.entries(sections)
		.filter(([key]) => !isDeepStrictEqual(previous[key as keyof typeof sections], next[key as keyof typeof sections]))
		.map(([, name]) => name);
}

function sameStream(a: Station, b: Station): boolean {
	return a.url === b.url && a.format === b.format;
}
