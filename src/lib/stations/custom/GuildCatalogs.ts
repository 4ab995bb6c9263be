import { TtlCache } from '#lib/cache/TtlCache';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import type { CustomStationRecord } from '#lib/settings/types';
import { StationCatalog } from '#lib/stations/StationCatalog';
import type { StationDirectory } from '#lib/stations/StationDirectory';
import { customStationFromRecord } from './customStation.js';
import { MergedCatalog } from './MergedCatalog.js';

export interface GuildCatalogsOptions {
	/** A server's stored custom stations (SettingsStore#customStations). */
	readonly customStations: (guildId: string) => Promise<readonly CustomStationRecord[]>;
	/** Called when reading them failed; the server then sees the shared catalog only, until the next try. */
	readonly onReadError?: (error: SettingsStoreError, guildId: string) => void;
	/** How long a server's merged catalog is reused; another instance's changes show up after this. Default 5 minutes. */
	readonly ttlMs?: number;
	/** Default 1,000 servers. */
	readonly maxEntries?: number;
}

/**
 * Each server's catalog: the config.yaml stations plus the server's custom stations. The global catalog stays
 * immutable; merged views are cached per server and dropped by `invalidate` when the server adds or removes a station.
 */
export class GuildCatalogs {
	private readonly cache: TtlCache<string, StationDirectory>;
	/** Bumped by every invalidation: a read that started before one must not cache what it read. */
	private generation = 0;

	public constructor(
		public readonly shared: StationCatalog,
		private readonly options: GuildCatalogsOptions
	) {
		this.cache = new TtlCache({ ttlMs: options.ttlMs ?? 5 * 60_000, maxEntries: options.maxEntries ?? 1_000 });
	}

	/**
	 * What `guildId` can play; the shared catalog outside servers and for servers without custom stations. When storage
	 * fails: the shared catalog, or with `strict` the SettingsStoreError.
	 */
	public async forGuild(guildId: string | null, { strict = false }: { strict?: boolean } = {}): Promise<StationDirectory> {
		if (guildId === null) return this.shared;
		const cached = this.cache.get(guildId);
		if (cached) return cached;
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
		const directory = records.length
			? new MergedCatalog(new StationCatalog(records.map((record) => customStationFromRecord(record, guildId))), this.shared)
			: this.shared;
		if (generation === this.generation) this.cache.set(guildId, directory);
		return directory;
	}

	public invalidate(guildId: string): void {
		this.generation++;
		this.cache.delete(guildId);
	}
}

declare module '@sapphire/pieces' {
	interface Container {
		/** Per-server catalogs (config stations + that server's custom stations). */
		guildStations: GuildCatalogs;
	}
}
