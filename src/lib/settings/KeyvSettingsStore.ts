import type { Keyv } from 'keyv';
import { setTimeout } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { TtlCache } from '#lib/cache/TtlCache';
import { describeStorageFailure } from '#lib/settings/describeStorageFailure';
import type { RedisShared } from '#lib/settings/RedisShared';
import { decodeRecord, encodeRecord, invalidRecord, storedVersion } from '#lib/settings/recordCodec';
import {
	CustomStationsKind,
	GuildSettingsKind,
	HeartbeatKind,
	ListeningStatsKind,
	MemberStationsKind,
	SessionKind,
	SleepTimerKind
} from '#lib/settings/recordKinds';
import type { RecordKind } from '#lib/settings/RecordKind';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import { describeLocation, type StorageLocation } from '#lib/settings/StorageLocation';
import {
	DefaultGuildSettings,
	EmptyListeningStats,
	EmptyMemberStations,
	type AnnouncedChange,
	type CustomStationRecord,
	type GuildSettings,
	type ListeningStatsRecord,
	type MemberStationsRecord,
	type SessionRecord,
	type SettingsPatch,
	type SettingsStore,
	type SleepTimerRecord,
	type StoreChange
} from '#lib/settings/types';

const guildKey = (guildId: string) => `guild:${guildId}`;
const sessionKey = (guildId: string) => `session:${guildId}`;
const stationsKey = (guildId: string) => `stations:${guildId}`;
const memberKey = (userId: string) => `member:${userId}`;
const statsKey = (guildId: string) => `stats:${guildId}`;
const sleepKey = (guildId: string) => `sleep:${guildId}`;
const sessionPrefix = 'session:';
const heartbeatKey = 'heartbeat';
/** Heartbeat checks before a mismatch counts as a store that does not keep writes (another instance may write it too). */
const HeartbeatAttempts = 3;

export interface KeyvSettingsStoreOptions {
	/** Opened with `throwOnErrors: true` and an iterable adapter (SQLite or Redis). */
	readonly keyv: Keyv;
	readonly location: StorageLocation;
	/** How long `guild()` answers from memory; writes through this store refresh it at once. */
	readonly cacheTtlMs: number;
	/**
	 * An operation not done within this fails as the storage being unreachable (Redis that hangs: the socket open, nothing
	 * answered). Unset, operations wait for the adapter (SQLite has its own busy timeout).
	 */
	readonly operationTimeoutMs?: number;
	/** Redis shared with other instances: writes are announced there, and their writes drop our cached copies at once. */
	readonly shared?: RedisShared | null;
	/** A change could not be announced (the others' caches then expire by themselves). */
	readonly onPublishError?: (error: unknown) => void;
}

/** SettingsStore on keyv: versioned records, per-guild write serialization, a short read cache for guild settings. */
export class KeyvSettingsStore implements SettingsStore {
	public readonly location: StorageLocation;
	/** Set when the store is Redis: what the instances sharing it tell each other. */
	public readonly shared: RedisShared | null;
	private readonly keyv: Keyv;
	private readonly where: string;
	private readonly cache: TtlCache<string, GuildSettings>;
	/** The last operation queued per key, so a read-modify-write never interleaves with another on the same key. */
	private readonly queues = new Map<string, Promise<void>>();
	private closing: Promise<void> | null = null;
	private acceptingWork = true;
	private readonly operationTimeoutMs: number | undefined;
	private readonly changeListeners = new Set<(change: StoreChange) => void>();
	private readonly onPublishError: (error: unknown) => void;

	public constructor({
		keyv,
		location,
		cacheTtlMs,
		operationTimeoutMs,
		shared = null,
		onPublishError = () => undefined
	}: KeyvSettingsStoreOptions) {
		this.keyv = keyv;
		this.operationTimeoutMs = operationTimeoutMs;
		this.location = location;
		this.shared = shared;
		this.onPublishError = onPublishError;
		this.where = describeLocation(location);
		this.cache = new TtlCache({ ttlMs: cacheTtlMs, maxEntries: 10_000 });
		shared?.onChange((change) => this.changedElsewhere(change));
	}

	/** Calls `listener` after another instance changed a server's settings or stations (this store's cache already dropped them). */
	public onChange(listener: (change: StoreChange) => void): void {
		this.changeListeners.add(listener);
	}

	public async guild(guildId: string): Promise<GuildSettings> {
		const key = guildKey(guildId);
		return this.cache.get(key) ?? this.exclusive(key, async () => this.cache.get(key) ?? this.remember(key, await this.readGuild(key)));
	}

	public async updateGuild(guildId: string, patch: SettingsPatch): Promise<GuildSettings> {
		const key = guildKey(guildId);
		return this.exclusive(key, async () => {
			this.cache.delete(key);
			const next = mergeSettings(await this.readGuild(key), patch);
			await this.write(key, GuildSettingsKind, next, 'saving server settings');
			this.announce({ kind: 'guild', guildId });
			return this.remember(key, next);
		});
	}

	public async resetGuild(guildId: string): Promise<void> {
		const key = guildKey(guildId);
		await this.exclusive(key, async () => {
			this.cache.delete(key);
			await this.remove(key, GuildSettingsKind, 'resetting server settings');
			this.announce({ kind: 'guild', guildId });
		});
	}

	public async listSessions(onUnreadable?: (error: Error) => void): Promise<SessionRecord[]> {
		this.assertOpen('listing sessions');
		return this.attempt('listing sessions', async () => {
			const sessions: SessionRecord[] = [];
			for await (const [key, raw] of this.storedEntries()) {
				if (!key.startsWith(sessionPrefix)) continue;
				try {
					const stored = await this.keyv.deserializeData(raw as string).catch(() => {
						throw invalidRecord(SessionKind, key, this.where, 'it is not valid JSON');
					});
					sessions.push(decodeRecord(SessionKind, key, stored?.value, this.where));
				} catch (error) {
					if (!onUnreadable || !(error instanceof SettingsStoreError)) throw error;
					onUnreadable(error);
				}
			}
			return sessions;
		});
	}

	public async saveSession(session: SessionRecord): Promise<void> {
		const key = sessionKey(session.guildId);
		await this.exclusive(key, () => this.write(key, SessionKind, session, 'saving a session'));
	}

	public async deleteSession(guildId: string): Promise<void> {
		const key = sessionKey(guildId);
		await this.exclusive(key, () => this.remove(key, SessionKind, 'deleting a session'));
	}

	public async customStations(guildId: string): Promise<CustomStationRecord[]> {
		const key = stationsKey(guildId);
		this.assertOpen('reading custom stations');
		return (await this.read(key, CustomStationsKind, 'reading custom stations')) ?? [];
	}

	public async saveCustomStations(guildId: string, stations: readonly CustomStationRecord[]): Promise<void> {
		const key = stationsKey(guildId);
		await this.exclusive(key, () => this.write(key, CustomStationsKind, [...stations], 'saving custom stations'));
		this.announce({ kind: 'stations', guildId });
	}

	public async memberStations(userId: string): Promise<MemberStationsRecord> {
		this.assertOpen("reading a member's stations");
		return (await this.read(memberKey(userId), MemberStationsKind, "reading a member's stations")) ?? EmptyMemberStations;
	}

	public async updateMemberStations(
		userId: string,
		change: (current: MemberStationsRecord) => MemberStationsRecord
	): Promise<MemberStationsRecord> {
		const written = await this.update(memberKey(userId), MemberStationsKind, EmptyMemberStations, change, "saving a member's stations");
		this.announce({ kind: 'member', userId });
		return written;
	}

	public async listeningStats(guildId: string): Promise<ListeningStatsRecord> {
		this.assertOpen('reading listening statistics');
		return (await this.read(statsKey(guildId), ListeningStatsKind, 'reading listening statistics')) ?? EmptyListeningStats;
	}

	public async updateListeningStats(
		guildId: string,
		change: (current: ListeningStatsRecord) => ListeningStatsRecord
	): Promise<ListeningStatsRecord> {
		return this.update(statsKey(guildId), ListeningStatsKind, EmptyListeningStats, change, 'saving listening statistics');
	}

	public async sleepTimer(guildId: string): Promise<SleepTimerRecord | null> {
		this.assertOpen('reading a sleep timer');
		return (await this.read(sleepKey(guildId), SleepTimerKind, 'reading a sleep timer')) ?? null;
	}

	public async saveSleepTimer(guildId: string, timer: SleepTimerRecord | null): Promise<void> {
		const key = sleepKey(guildId);
		await this.exclusive(key, () =>
			timer ? this.write(key, SleepTimerKind, timer, 'saving a sleep timer') : this.remove(key, SleepTimerKind, 'deleting a sleep timer')
		);
	}

	/**
	 * Reads, writes and reads back the heartbeat record, so a corrupt, locked or read-only store fails now rather than on
	 * a user's first command. The heartbeat is nobody's data: an unreadable or newer one is simply replaced. Instances
	 * sharing a Redis may start together (a ShardingManager's processes) and overwrite each other's heartbeat, so a
	 * mismatch is checked again after a short random wait before it counts as storage that does not keep writes.
	 */
	public async probe(): Promise<void> {
		const action = 'checking the storage at startup';
		await this.readStored(heartbeatKey, HeartbeatKind, action).catch(unlessInvalidRecord);
		for (let attempt = 1; ; attempt++) {
			const record = encodeRecord(HeartbeatKind, heartbeatKey, { at: Date.now(), pid: process.pid });
			const written = await this.attempt(action, () => this.keyv.set(heartbeatKey, record));
			const readBack = await this.readStored(heartbeatKey, HeartbeatKind, action);
			if (written && isDeepStrictEqual(readBack, record)) return;
			if (!written || attempt >= HeartbeatAttempts) {
				throw new SettingsStoreError(
					'failed',
					`${capitalize(this.where)} did not keep what was written (heartbeat check). Check the storage, then start again.`
				);
			}
			await setTimeout(10 + Math.random() * 90);
		}
	}

	/** Waits for queued writes, then closes the connection. Later calls return the same promise. */
	public close(): Promise<void> {
		this.acceptingWork = false;
		this.closing ??= (async () => {
			await Promise.allSettled([...this.queues.values()]);
			this.cache.clear();
			this.changeListeners.clear();
			this.shared?.close();
			await this.attempt('closing', () => this.keyv.disconnect());
		})();
		return this.closing;
	}

	private announce(change: AnnouncedChange): void {
		this.shared?.publish(change).catch(this.onPublishError);
	}

	private changedElsewhere(change: StoreChange): void {
		if (change.kind === 'everything') this.cache.clear();
		else if (change.kind === 'guild') this.cache.delete(guildKey(change.guildId));
		for (const listener of this.changeListeners) listener(change);
	}

	/**
	 * Every raw entry of this namespace, keys without the namespace. Straight from the adapter rather than keyv's iterator,
	 * which parses every value first: one damaged record of another kind must not hide the sessions.
	 */
	private async *storedEntries(): AsyncGenerator<[string, unknown]> {
		const namespace = this.keyv.namespace!;
		const adapter = this.keyv.store as { iterator(namespace: string): AsyncGenerator<[string, unknown]> };
		for await (const [key, raw] of adapter.iterator(namespace)) {
			// SQLite keys carry keyv's `<namespace>:` prefix; the Redis adapter strips its own.
			yield [key.startsWith(`${namespace}:`) ? key.slice(namespace.length + 1) : key, raw];
		}
	}

	private async readGuild(key: string): Promise<GuildSettings> {
		return (await this.read(key, GuildSettingsKind, 'reading server settings')) ?? DefaultGuildSettings;
	}

	private remember(key: string, settings: GuildSettings): GuildSettings {
		const frozen = Object.freeze({ ...settings, volume: Object.freeze({ ...settings.volume }) });
		this.cache.set(key, frozen);
		return frozen;
	}

	/** A read-modify-write of one record, queued behind every other operation on its key. */
	private async update<T>(key: string, kind: RecordKind<T>, empty: T, change: (current: T) => T, action: string): Promise<T> {
		return this.exclusive(key, async () => {
			const next = change((await this.read(key, kind, action)) ?? empty);
			await this.write(key, kind, next, action);
			return next;
		});
	}

	private async read<T>(key: string, kind: RecordKind<T>, action: string): Promise<T | undefined> {
		const stored = await this.readStored(key, kind, action);
		return stored === undefined ? undefined : decodeRecord(kind, key, stored, this.where);
	}

	private async write<T>(key: string, kind: RecordKind<T>, data: T, action: string): Promise<void> {
		const record = encodeRecord(kind, key, data);
		await this.refuseNewer(key, kind, action);
		const written = await this.attempt(action, () => this.keyv.set(key, record));
		if (!written) throw new SettingsStoreError('failed', `${capitalize(this.where)} did not accept ${action} for "${key}". Nothing was changed.`);
	}

	private async remove<T>(key: string, kind: RecordKind<T>, action: string): Promise<void> {
		await this.refuseNewer(key, kind, action);
		await this.attempt(action, () => this.keyv.delete(key));
	}

	/** A record from a newer Alastor is never overwritten or deleted: reading it raises the newer-version error. */
	private async refuseNewer<T>(key: string, kind: RecordKind<T>, action: string): Promise<void> {
		// An unreadable old value may be replaced; only storage failures and newer versions stop the write.
		const stored = await this.readStored(key, kind, action).catch(unlessInvalidRecord);
		if ((storedVersion(stored) ?? 0) > kind.version) decodeRecord(kind, key, stored, this.where);
	}

	private async readStored<T>(key: string, kind: RecordKind<T>, action: string): Promise<unknown> {
		return this.attempt(action, async () => {
			try {
				return await this.keyv.get(key);
			} catch (error) {
				// keyv parses the stored JSON; text that is not JSON is a damaged record, not a storage outage.
				if (error instanceof SyntaxError) throw invalidRecord(kind, key, this.where, 'it is not valid JSON');
				throw error;
			}
		});
	}

	private async attempt<T>(action: string, operation: () => Promise<T>): Promise<T> {
		let timer: NodeJS.Timeout | undefined;
		try {
			const limit = this.operationTimeoutMs;
			if (limit === undefined) return await operation();
			const timedOut = new Promise<never>((_, reject) => {
				timer = globalThis.setTimeout(() => reject(new Error(`no answer within ${limit} ms`)), limit);
			});
			return await Promise.race([operation(), timedOut]);
		} catch (error) {
			throw describeStorageFailure(error, this.location, action);
		} finally {
			clearTimeout(timer);
		}
	}

	/** New work is refused once close() began; work already queued still finishes. */
	private assertOpen(action: string): void {
		if (!this.acceptingWork) {
			throw new SettingsStoreError('failed', `${capitalize(this.where)} is closed (Alastor is shutting down), so ${action} was not done.`);
		}
	}

	private exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
		this.assertOpen(`using "${key}"`);
		const run = (this.queues.get(key) ?? Promise.resolve()).then(task);
		const settled = run.then(
			() => undefined,
			() => undefined
		);
		this.queues.set(key, settled);
		void settled.then(() => {
			if (this.queues.get(key) === settled) this.queues.delete(key);
		});
		return run;
	}
}

/** `patch` over `current`; absent or undefined fields keep their value, volume limits merge field by field. */
export function mergeSettings(current: GuildSettings, patch: SettingsPatch): GuildSettings {
	const { volume, ...rest } = patch;
	return { ...current, ...definedOnly(rest), volume: { ...current.volume, ...definedOnly(volume ?? {}) } };
}

function definedOnly<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** Rethrows everything but an invalid-record error, which becomes "nothing usable stored". */
function unlessInvalidRecord(error: unknown): undefined {
	if (error instanceof SettingsStoreError && error.problem === 'invalid-record') return undefined;
	throw error;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
