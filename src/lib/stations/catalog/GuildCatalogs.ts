import { TtlCache } from '#lib/cache/TtlCache';
import type { Station } from '#lib/config/types';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import type { CustomStationRecord } from '#lib/settings/types';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { catalogBytes, keyBytes } from '#lib/stations/catalog/estimateBytes';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { customStationFromRecord } from '#lib/stations/custom/customStation';
import { MergedCatalog } from '#lib/stations/catalog/MergedCatalog';

export interface GuildCatalogsOptions {
	/** A server's stored custom stations (SettingsStore#customStations). */
	readonly customStations: (guildId: string) => Promise<readonly CustomStationRecord[]>;
	/** Called when reading them failed; the server then sees the shared catalog only, until the next try. */
	readonly onReadError?: (error: SettingsStoreError, guildId: string) => void;
	/** How long a server's merged catalog is reused; another instance's changes show up after this. Default 5 minutes. */
	readonly ttlMs?: number;
	/** Default 1,000 servers. */
	readonly maxEntries?: number;
	/** Estimated bytes of the held catalogs (custom stations, indexes, search caches). Default 32 MiB. */
	readonly maxBytes?: number;
	/** Estimated bytes of cached search results in one server's own catalog. Default 64 KiB. */
	readonly ownSearchCacheBytes?: number;
}

interface HeldCatalog {
	readonly directory: StationDirectory;
	/** Estimated: its own stations and indexes, and the most its search cache may hold. */
	readonly bytes: number;
}

/**
 * Each server's catalog: the config.yaml stations plus the server's custom stations. The global catalog stays
 * immutable; merged views are cached per server and dropped by `invalidate` when the server adds or removes a station.
 */
export class GuildCatalogs {
	private readonly cache: TtlCache<string, HeldCatalog>;
	/** Bumped by every invalidation: a read that started before one must not cache what it read. */
	private generation = 0;
	private sharedCatalog: StationCatalog;

	public constructor(
		shared: StationCatalog,
		private readonly options: GuildCatalogsOptions
	) {
		this.sharedCatalog = shared;
		// Bounded in bytes too: a server's 50 stations with 2,048-character URLs weigh far more than a server without any.
		this.cache = new TtlCache({
			ttlMs: options.ttlMs ?? 5 * 60_000,
			maxEntries: options.maxEntries ?? 1_000,
			maxWeight: options.maxBytes ?? 32 * 1024 * 1024,
			weigh: (guildId, held) => keyBytes(guildId) + held.bytes
		});
	}

	/**
	 * What `guildId` can play; the shared catalog outside servers and for servers without custom stations. When storage
	 * fails: the shared catalog, or with `strict` the SettingsStoreError.
	 */
	public async forGuild(guildId: string | null, { strict = false }: { strict?: boolean } = {}): Promise<StationDirectory> {
		if (guildId === null) return this.shared;
		const cached = this.cache.get(guildId);
		if (cached) return cached.directory;
		const { generation } = this;
		let records: readonly CustomStationRecord[];
		try {
			records = await this.options.customStations(guildId);
		} catch (error) {
			// Strict callers must tell "not there" from "could not read" (resume must not drop a session over a busy database).
			if (strict || !(error instanceof SettingsStoreError)) throw error;
			// Playing the shared stations must not depend on the settings storage; do not cache the degraded view.
			this.options.onReadError?.(error, guildId);
			return this.shared;
		}
		const held = this.build(guildId, records);
		if (generation === this.generation) this.cache.set(guildId, held);
		return held.directory;
	}

	/**
	 * The station with exactly this id that this server can play: config stations and the server's own. Throws when the
	 * server's stations cannot be read, so that a busy database is retried (resume), never taken for "station gone".
	 */
	public async stationById(guildId: string, stationId: string): Promise<Station | null> {
		const station = (await this.forGuild(guildId, { strict: true })).exact(stationId);
		return station?.id === stationId ? station : null;
	}

	/** The config.yaml stations. */
	public get shared(): StationCatalog {
		return this.sharedCatalog;
	}

	/** config.yaml was reloaded: from now on every server sees the new stations (each server's view is rebuilt on its next use). */
	public replaceShared(catalog: StationCatalog): void {
		this.sharedCatalog = catalog;
		this.invalidateAll();
	}

	/** How many servers' catalogs are held, and their estimated bytes. */
	public get held(): { servers: number; bytes: number } {
		return { servers: this.cache.size, bytes: this.cache.weight };
	}

	public invalidate(guildId: string): void {
		this.generation++;
		this.cache.delete(guildId);
	}

	/** Drops every server's merged view (changes may have been missed); each is rebuilt on its next use. */
	public invalidateAll(): void {
		this.generation++;
		this.cache.clear();
	}

	private build(guildId: string, records: readonly CustomStationRecord[]): HeldCatalog {
		if (!records.length) return { directory: this.shared, bytes: 0 };
		const searchCacheBytes = this.options.ownSearchCacheBytes ?? 64 * 1024;
		const stations = records.map((record) => customStationFromRecord(record, guildId));
		return {
			directory: new MergedCatalog(new StationCatalog(stations, { searchCacheBytes }), this.shared),
			bytes: catalogBytes(stations) + searchCacheBytes
		};
	}
}
