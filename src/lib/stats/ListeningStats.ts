import type { Log } from '#lib/logger/logger';
import type { ListeningStatsRecord, SettingsStore } from '#lib/settings/types';
import { addListening, dayOf, DayMs, summarize, type ListeningDelta, type ListeningSummary, type RecordLimits } from '#lib/stats/listeningRecord';
import type { GuildSession } from '#lib/voice/VoiceService';

export interface ListeningStatsOptions extends RecordLimits {
	/** Every session playing now. */
	readonly sessions: () => readonly GuildSession[];
	/** People listening in a session's channel right now (bots and we do not count). */
	readonly humans: (session: GuildSession) => number;
	readonly store: () => Pick<SettingsStore, 'listeningStats' | 'updateListeningStats'>;
	/** How often listening is counted and written (`stats.flush_seconds`). */
	readonly flushIntervalMs: number;
	readonly log: Log;
	readonly now?: () => number;
}

interface Tracked {
	readonly stationId: string;
	readonly stationName: string;
	/** Epoch ms up to which this session's listening is counted. */
	countedUntil: number;
}

interface Pending {
	readonly day: number;
	readonly stationId: string;
	stationName: string;
	ms: number;
	listenerMs: number;
}

export interface ListeningReport {
	readonly today: ListeningSummary;
	readonly week: ListeningSummary;
	readonly month: ListeningSummary;
}

/**
 * Listening statistics per server: how long each station played while someone listened, and for how many. Sessions are
 * counted in memory on every tick (`flushIntervalMs`) and when they change or end, never per packet; each tick writes
 * one small record per server that listened (see listeningRecord: daily buckets, stations by index, bounded). A
 * segment counts when people are in the channel as it is counted: a sample per interval, not a stopwatch per member.
 */
export class ListeningStats {
	private readonly tracked = new Map<string, Tracked>();
	private readonly pending = new Map<string, Map<string, Pending>>();
	private interval: NodeJS.Timeout | null = null;
	private flushing: Promise<void> = Promise.resolve();

	public constructor(private readonly options: ListeningStatsOptions) {}

	public start(): void {
		this.interval ??= setInterval(() => void this.tick(), this.options.flushIntervalMs);
		this.interval.unref();
	}

	/** A session started or changed: a new station closes the previous one's count. */
	public sessionChanged(session: GuildSession): void {
		const tracked = this.tracked.get(session.guildId);
		if (tracked?.stationId === session.station.id) return;
		if (tracked) this.count(session, tracked);
		this.tracked.set(session.guildId, { stationId: session.station.id, stationName: session.station.name, countedUntil: this.now() });
	}

	public sessionEnded(session: GuildSession): void {
		const tracked = this.tracked.get(session.guildId);
		if (!tracked) return;
		this.count(session, tracked);
		this.tracked.delete(session.guildId);
	}

	/** Counts every session up to now and writes what was counted. */
	public async tick(): Promise<void> {
		for (const session of this.options.sessions()) {
			const tracked = this.tracked.get(session.guildId);
			if (tracked) this.count(session, tracked);
		}
		await this.flush();
	}

	/** Writes what was counted; a server whose write fails keeps its counts for the next try. Never throws. */
	public flush(): Promise<void> {
		this.flushing = this.flushing.then(() => this.writePending());
		return this.flushing;
	}

	/** Today, the last 7 days and the last 30 (UTC days), stored and not yet written together. Throws SettingsStoreError. */
	public async report(guildId: string): Promise<ListeningReport> {
		const today = dayOf(this.now());
		const stored = await this.options.store().listeningStats(guildId);
		const record = addListening(stored, this.deltas(guildId, false), today, {
			...this.options,
			retentionDays: Math.max(30, this.options.retentionDays)
		});
		return { today: summarize(record, today, 1), week: summarize(record, today, 7), month: summarize(record, today, 30) };
	}

	public dispose(): void {
		if (this.interval) clearInterval(this.interval);
		this.interval = null;
	}

	/** Adds the session's listening since it was last counted, split at UTC midnights. */
	private count(session: GuildSession, tracked: Tracked): void {
		const now = this.now();
		const from = tracked.countedUntil;
		tracked.countedUntil = now;
		const humans = this.options.humans(session);
		if (humans <= 0 || now <= from) return;
		const byKey = this.pending.get(session.guildId) ?? new Map<string, Pending>();
		this.pending.set(session.guildId, byKey);
		for (let start = from; start < now;) {
			const end = Math.min(now, (dayOf(start) + 1) * DayMs);
			const day = dayOf(start);
			const key = `${day}:${tracked.stationId}`;
			const entry = byKey.get(key) ?? { day, stationId: tracked.stationId, stationName: tracked.stationName, ms: 0, listenerMs: 0 };
			entry.ms += end - start;
			entry.listenerMs += (end - start) * humans;
			byKey.set(key, entry);
			start = end;
		}
	}

	/** Whole seconds counted for `guildId`; with `take`, they leave memory (the rest of a second stays for later). */
	private deltas(guildId: string, take: boolean): ListeningDelta[] {
		const byKey = this.pending.get(guildId);
		if (!byKey) return [];
		const deltas: ListeningDelta[] = [];
		for (const [key, entry] of byKey) {
			const seconds = Math.floor(entry.ms / 1_000);
			const listenerSeconds = Math.floor(entry.listenerMs / 1_000);
			deltas.push({ day: entry.day, stationId: entry.stationId, stationName: entry.stationName, seconds, listenerSeconds });
			if (!take) continue;
			entry.ms -= seconds * 1_000;
			entry.listenerMs -= listenerSeconds * 1_000;
			if (entry.ms === 0 && entry.listenerMs === 0) byKey.delete(key);
		}
		if (take && byKey.size === 0) this.pending.delete(guildId);
		return deltas.filter((delta) => delta.seconds > 0 || delta.listenerSeconds > 0);
	}

	private async writePending(): Promise<void> {
		const today = dayOf(this.now());
		for (const guildId of [...this.pending.keys()]) {
			const deltas = this.deltas(guildId, true);
			if (!deltas.length) continue;
			try {
				await this.options
					.store()
					.updateListeningStats(guildId, (current: ListeningStatsRecord) => addListening(current, deltas, today, this.options));
			} catch (error) {
				this.options.log.warn({ err: error, guildId }, 'listening statistics not saved; kept for the next try');
				this.restore(guildId, deltas);
			}
		}
	}

	private restore(guildId: string, deltas: readonly ListeningDelta[]): void {
		const byKey = this.pending.get(guildId) ?? new Map<string, Pending>();
		this.pending.set(guildId, byKey);
		for (const delta of deltas) {
			const key = `${delta.day}:${delta.stationId}`;
			const entry = byKey.get(key) ?? { day: delta.day, stationId: delta.stationId, stationName: delta.stationName, ms: 0, listenerMs: 0 };
			entry.ms += delta.seconds * 1_000;
			entry.listenerMs += delta.listenerSeconds * 1_000;
			byKey.set(key, entry);
		}
	}

	private now(): number {
		return (this.options.now ?? Date.now)();
	}
}
