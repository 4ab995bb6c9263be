import type { ListeningEntry, ListeningStatsRecord } from '#lib/settings/types';

export const DayMs = 86_400_000;

/** UTC days since 1970-01-01. */
export function dayOf(epochMs: number): number {
	return Math.floor(epochMs / DayMs);
}

/** Listening to add to one day: whole seconds. */
export interface ListeningDelta {
	readonly day: number;
	readonly stationId: string;
	readonly stationName: string;
	readonly seconds: number;
	readonly listenerSeconds: number;
}

export interface RecordLimits {
	/** Days kept, today included. */
	readonly retentionDays: number;
	/** Entries per day; the least listened make room. */
	readonly maxStationsPerDay: number;
}

/** The longest station name kept (the record allows 200). */
const MaxName = 100;

/**
 * `record` with `deltas` added, days older than the retention dropped, each day held to its most listened stations,
 * and the station list reduced to the stations still referred to. Pure: the store writes the result.
 */
export function addListening(
	record: ListeningStatsRecord,
	deltas: readonly ListeningDelta[],
	today: number,
	limits: RecordLimits
): ListeningStatsRecord {
	const oldest = today - limits.retentionDays + 1;
	// Expanded: day → station id → [seconds, listenerSeconds].
	const days = new Map<number, Map<string, [number, number]>>();
	const names = new Map<string, string>();
	for (const { day, entries } of record.days) {
		if (day < oldest) continue;
		const stations = new Map<string, [number, number]>();
		for (const [index, seconds, listenerSeconds] of entries) {
			const station = record.stations[index];
			if (!station) continue;
			names.set(station.id, station.name);
			stations.set(station.id, [seconds, listenerSeconds]);
		}
		days.set(day, stations);
	}
	for (const delta of deltas) {
		if (delta.day < oldest || delta.day > today || (delta.seconds <= 0 && delta.listenerSeconds <= 0)) continue;
		const stations = days.get(delta.day) ?? new Map<string, [number, number]>();
		days.set(delta.day, stations);
		const counts = stations.get(delta.stationId) ?? [0, 0];
		stations.set(delta.stationId, [counts[0] + delta.seconds, counts[1] + delta.listenerSeconds]);
		names.set(delta.stationId, delta.stationName.slice(0, MaxName));
	}

	const stationIndex = new Map<string, number>();
	const stations: { id: string; name: string }[] = [];
	const indexOf = (id: string) => {
		let index = stationIndex.get(id);
		if (index === undefined) {
			index = stations.push({ id, name: names.get(id) ?? id }) - 1;
			stationIndex.set(id, index);
		}
		return index;
	};
	const compacted = [...days.entries()]
		.sort(([a], [b]) => a - b)
		.map(([day, byStation]) => ({
			day,
			entries: [...byStation.entries()]
				.sort(([, a], [, b]) => b[0] - a[0] || b[1] - a[1])
				.slice(0, limits.maxStationsPerDay)
				.map(([id, [seconds, listenerSeconds]]): ListeningEntry => [indexOf(id), seconds, listenerSeconds])
		}))
		.filter((day) => day.entries.length > 0);
	return { stations, days: compacted };
}

export interface ListeningSummary {
	/** Seconds the radio played here while someone listened. */
	readonly seconds: number;
	/** The same, summed over every listener. */
	readonly listenerSeconds: number;
	/** Most listened first. */
	readonly top: readonly { readonly id: string; readonly name: string; readonly seconds: number }[];
}

/** Listening over the `days` days up to and including `today`, and its `topCount` most listened stations. */
export function summarize(record: ListeningStatsRecord, today: number, days: number, topCount = 10): ListeningSummary {
	let seconds = 0;
	let listenerSeconds = 0;
	const byStation = new Map<number, number>();
	for (const day of record.days) {
		if (day.day > today || day.day <= today - days) continue;
		for (const [index, stationSeconds, stationListenerSeconds] of day.entries) {
			seconds += stationSeconds;
			listenerSeconds += stationListenerSeconds;
			byStation.set(index, (byStation.get(index) ?? 0) + stationSeconds);
		}
	}
	const top = [...byStation.entries()]
		.filter(([index]) => record.stations[index] !== undefined)
		.sort(([, a], [, b]) => b - a)
		.slice(0, topCount)
		.map(([index, stationSeconds]) => ({ ...record.stations[index]!, seconds: stationSeconds }));
	return { seconds, listenerSeconds, top };
}
