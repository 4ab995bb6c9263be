import { TtlCache } from '#lib/cache/TtlCache';
import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import type { MemberStation, MemberStationsRecord, SettingsStore, StoreChange } from '#lib/settings/types';
import { directoryUuid } from '#lib/stations/directory/directoryStation';

export interface MemberStationsOptions {
	readonly store: () => Pick<SettingsStore, 'memberStations' | 'updateMemberStations'>;
	/** Favourites one member may keep (`favorites.max_per_member`). */
	readonly maxFavorites: number;
	readonly log: Log;
	/** How long a member's record answers from memory (autocomplete asks on every keystroke). Default 5 minutes. */
	readonly cacheTtlMs?: number;
}

export type FavoriteChange = { readonly kind: 'added' | 'removed'; readonly count: number } | { readonly kind: 'limit'; readonly max: number };

/** The longest station name kept with a favourite (the record allows 200). */
const MaxKeptName = 100;

/**
 * Members' favourite stations and the last station each started, across servers: a listener's taste is theirs, not a
 * server's, and config and directory stations play everywhere (a server's own station is offered only there). Reads
 * are cached; writes go through the store's per-member queue. Storage failures propagate as SettingsStoreError, except
 * for `played`, which is a courtesy and only logs.
 */
export class MemberStations {
	private readonly cache: TtlCache<string, MemberStationsRecord>;
	/** Each member's change being written: a read waits for it, so "play my last station" right after a play finds it. */
	private readonly writing = new Map<string, Promise<unknown>>();
	/** Changes started (anyone's): a read that began before one does not cache what it read, which may be older. */
	private changes = 0;

	public constructor(private readonly options: MemberStationsOptions) {
		this.cache = new TtlCache({ ttlMs: options.cacheTtlMs ?? 5 * 60_000, maxEntries: 10_000 });
	}

	public get max(): number {
		return this.options.maxFavorites;
	}

	public async get(userId: string): Promise<MemberStationsRecord> {
		await this.writing.get(userId)?.catch(() => undefined);
		const cached = this.cache.get(userId);
		if (cached) return cached;
		const before = this.changes;
		const record = await this.options.store().memberStations(userId);
		if (this.changes === before) this.cache.set(userId, record);
		return record;
	}

	/** Adds `station` to the member's favourites, or removes it when it is one already. */
	public async toggle(userId: string, station: Station): Promise<FavoriteChange> {
		let change: FavoriteChange = { kind: 'limit', max: this.options.maxFavorites };
		await this.update(userId, (current) => {
			const kept = current.favorites.filter((favorite) => favorite.id !== station.id);
			if (kept.length < current.favorites.length) {
				change = { kind: 'removed', count: kept.length };
				return { ...current, favorites: kept };
			}
			if (kept.length >= this.options.maxFavorites) return current;
			change = { kind: 'added', count: kept.length + 1 };
			return { ...current, favorites: [...kept, keptStation(station)] };
		});
		return change;
	}

	/** The member started `station`: it becomes their last station. Written in the background; a failure is only logged. */
	public played(userId: string, station: Station): void {
		this.update(userId, (current) => ({ ...current, last: keptStation(station) })).catch((error: unknown) =>
			this.options.log.warn({ err: error, userId, station: station.id }, 'last station not saved')
		);
	}

	public forget(userId: string): void {
		this.cache.delete(userId);
	}

	/** Another instance changed a member's stations (or, after a lost connection, anything may have changed). */
	public changedElsewhere(change: StoreChange): void {
		if (change.kind === 'member') this.forget(change.userId);
		else if (change.kind === 'everything') this.cache.clear();
	}

	public sweep(): number {
		return this.cache.sweep();
	}

	private async update(userId: string, change: (current: MemberStationsRecord) => MemberStationsRecord): Promise<MemberStationsRecord> {
		this.cache.delete(userId);
		this.changes++;
		const write = this.options
			.store()
			.updateMemberStations(userId, change)
			.then((written) => {
				// A later change (queued behind this one in the store) caches its own result.
				if (this.writing.get(userId) === write) this.cache.set(userId, written);
				return written;
			});
		this.writing.set(userId, write);
		try {
			return await write;
		} finally {
			if (this.writing.get(userId) === write) this.writing.delete(userId);
		}
	}
}

/**
 * What is kept of a station: its id and how to show it; a directory station's stream URL and logo too, as no catalog
 * holds them.
 */
export function keptStation(station: Station): MemberStation {
	const kept = { id: station.id, name: station.name.slice(0, MaxKeptName), format: station.format, bitrate: station.bitrate };
	if (directoryUuid(station.id) === null) return kept;
	return { ...kept, url: station.url, ...(station.logo && { logo: station.logo }) };
}
