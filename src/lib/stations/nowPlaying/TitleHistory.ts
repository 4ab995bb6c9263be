import { cleanTitle } from '#lib/stations/nowPlaying/cleanTitle';

export interface TitleHistoryEntry {
	readonly title: string;
	readonly stationId: string;
	readonly at: Date;
}

export interface TitleHistoryOptions {
	/** Titles kept per guild; default 20. */
	readonly perGuild?: number;
	/** Guilds kept; recording for one more evicts the least recently used guild. Default 10,000. */
	readonly maxGuilds?: number;
}

/**
 * The last song titles heard in each guild, newest first, for `/radio history`. Memory stays bounded: at most
 * `perGuild` titles (of at most 500 characters) for at most `maxGuilds` guilds.
 */
export class TitleHistory {
	public readonly perGuild: number;
	public readonly maxGuilds: number;
	// A Map iterates in insertion order: re-inserting a guild on use keeps the least recently used one first.
	private readonly guilds = new Map<string, TitleHistoryEntry[]>();

	public constructor(options: TitleHistoryOptions = {}) {
		this.perGuild = options.perGuild ?? 20;
		this.maxGuilds = options.maxGuilds ?? 10_000;
		if (!(this.perGuild >= 1) || !(this.maxGuilds >= 1)) throw new RangeError('TitleHistory: perGuild and maxGuilds must be at least 1');
	}

	/** Number of guilds with a history. */
	public get size(): number {
		return this.guilds.size;
	}

	/** Adds a title heard in a guild; the same title on the same station right after itself is recorded once. Returns whether it was added. */
	public record(guildId: string, stationId: string, title: string, at: Date = new Date()): boolean {
		const cleaned = cleanTitle(title);
		const entries = this.touch(guildId) ?? [];
		const newest = entries[0];
		if (cleaned === '' || (newest?.title === cleaned && newest.stationId === stationId)) return false;
		entries.unshift({ title: cleaned, stationId, at });
		if (entries.length > this.perGuild) entries.length = this.perGuild;
		this.guilds.set(guildId, entries);
		this.evictBeyondLimit();
		return true;
	}

	/** The guild's titles, newest first (a copy; empty when none). */
	public list(guildId: string): TitleHistoryEntry[] {
		return [...(this.touch(guildId) ?? [])];
	}

	public clear(guildId: string): void {
		this.guilds.delete(guildId);
	}

	/** Moves a guild to the most recently used end and returns its entries. */
	private touch(guildId: string): TitleHistoryEntry[] | undefined {
		const entries = this.guilds.get(guildId);
		if (entries) {
			this.guilds.delete(guildId);
			this.guilds.set(guildId, entries);
		}
		return entries;
	}

	private evictBeyondLimit(): void {
		for (const guildId of this.guilds.keys()) {
			if (this.guilds.size <= this.maxGuilds) return;
			this.guilds.delete(guildId);
		}
	}
}
