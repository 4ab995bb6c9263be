import { TtlCache } from '#lib/cache/TtlCache';
import type { Log } from '#lib/logger/logger';
import { HttpError } from '#lib/net/HttpError';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { parseDirectoryEntries, type DirectoryEntry } from '#lib/stations/directory/directoryEntry';
import { fetchDirectoryJson } from '#lib/stations/directory/fetchDirectoryJson';

export interface DirectoryQuery {
	readonly name: string;
	/** A country's name, or its two-letter code. */
	readonly country?: string | null;
	readonly tag?: string | null;
	readonly language?: string | null;
}

export interface RadioDirectoryOptions {
	/** One API server (https); null: `discover()` finds them. */
	readonly baseUrl: string | null;
	/** https base URLs of the API servers, in the order to try them (see discoverServers). */
	readonly discover: () => Promise<string[]>;
	readonly discoveryTtlMs: number;
	readonly userAgent: string;
	readonly timeoutMs: number;
	readonly maxResponseBytes: number;
	readonly cacheTtlMs: number;
	readonly resultLimit: number;
	/** What the entries' stream URLs may point at (the same policy as servers' own stations). */
	readonly policy: AddressPolicy;
	/** Takes one request from the bot-wide budget; false when it is spent (nothing is sent then). */
	readonly takeRequest: () => boolean;
	readonly log: Log;
	readonly now?: () => number;
}

export type DirectoryProblem = 'unavailable' | 'busy';

/** The directory could not answer: its servers failed ('unavailable') or the bot's own request budget is spent ('busy'). */
export class DirectoryError extends Error {
	public override readonly name = 'DirectoryError';

	public constructor(
		public readonly problem: DirectoryProblem,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}

/** Servers tried for one answer: the documentation asks to retry on the next one, and we stop after that. */
const ServersPerRequest = 2;
/** Entries read from one answer, before validation keeps `resultLimit` of them. */
const EntriesPerAnswer = 100;

/**
 * The radio-browser.info directory: searches (cached for `cacheTtlMs`, identical searches in flight shared) and single
 * stations by uuid (cached from searches, else asked for). Every answer is hostile input: bounded in time, requests and
 * bytes (fetchDirectoryJson), then validated entry by entry (parseDirectoryEntries).
 */
export class RadioDirectory {
	private readonly searches: TtlCache<string, readonly DirectoryEntry[]>;
	private readonly entries: TtlCache<string, DirectoryEntry>;
	private readonly inFlight = new Map<string, Promise<readonly DirectoryEntry[]>>();
	private servers: { urls: string[]; until: number } | null = null;

	public constructor(private readonly options: RadioDirectoryOptions) {
		const now = options.now ?? Date.now;
		this.searches = new TtlCache({
			ttlMs: options.cacheTtlMs,
			maxEntries: 1_000,
			maxWeight: 4 * 1024 * 1024,
			weigh: (key, list) => key.length * 2 + list.reduce((total, entry) => total + entryBytes(entry), 64),
			now
		});
		this.entries = new TtlCache({ ttlMs: options.cacheTtlMs, maxEntries: 5_000, now });
	}

	/** Up to `resultLimit` stations matching `query`, most voted first. Throws DirectoryError. */
	public async search(query: DirectoryQuery): Promise<readonly DirectoryEntry[]> {
		const params = searchParams(query, this.options.resultLimit);
		const key = params.toString();
		const cached = this.searches.get(key);
		if (cached) return cached;
		const pending = this.inFlight.get(key);
		if (pending) return pending;
		const request = this.request(`/json/stations/search?${key}`, this.options.resultLimit)
			.then((found) => {
				this.searches.set(key, found);
				for (const entry of found) this.entries.set(entry.uuid, entry);
				return found;
			})
			.finally(() => this.inFlight.delete(key));
		this.inFlight.set(key, request);
		return request;
	}

	/** A station seen in a recent search, without asking the directory. */
	public cached(uuid: string): DirectoryEntry | null {
		return this.entries.get(uuid.toLowerCase()) ?? null;
	}

	/** The station with this uuid: from a recent search, else asked for. Null when the directory does not (any longer) have it. */
	public async station(uuid: string): Promise<DirectoryEntry | null> {
		const cached = this.cached(uuid);
		if (cached) return cached;
		const [entry] = await this.request(`/json/stations/byuuid?${new URLSearchParams({ uuids: uuid.toLowerCase() })}`, 1);
		if (entry?.uuid !== uuid.toLowerCase()) return null;
		this.entries.set(entry.uuid, entry);
		return entry;
	}

	/** Drops expired searches and stations; returns how many. */
	public sweep(): number {
		return this.searches.sweep() + this.entries.sweep();
	}

	private async request(path: string, limit: number): Promise<DirectoryEntry[]> {
		const servers = await this.serverList();
		let lastError: unknown;
		for (const server of servers.slice(0, ServersPerRequest)) {
			if (!this.options.takeRequest()) throw new DirectoryError('busy', 'The bot-wide budget of directory requests is spent.');
			try {
				const body = await fetchDirectoryJson(`${server}${path}`, {
					userAgent: this.options.userAgent,
					timeoutMs: this.options.timeoutMs,
					maxBytes: this.options.maxResponseBytes
				});
				const entries = parseDirectoryEntries(Array.isArray(body) ? body.slice(0, EntriesPerAnswer) : body, this.options.policy, limit);
				if (!Array.isArray(body)) this.options.log.warn({ server, path }, 'directory answered with something other than a list');
				return entries;
			} catch (error) {
				if (!(error instanceof HttpError)) throw error;
				lastError = error;
				this.options.log.warn({ err: error, server, reason: error.reason }, 'directory server failed');
				this.demote(server);
			}
		}
		throw new DirectoryError('unavailable', 'No directory server answered.', { cause: lastError });
	}

	private async serverList(): Promise<string[]> {
		if (this.options.baseUrl) return [this.options.baseUrl];
		const now = (this.options.now ?? Date.now)();
		if (!this.servers || this.servers.until <= now) {
			this.servers = { urls: await this.options.discover(), until: now + this.options.discoveryTtlMs };
			this.options.log.info({ servers: this.servers.urls }, 'directory servers discovered');
		}
		return this.servers.urls;
	}

	/** A server that failed goes to the end of the list, so the next request starts elsewhere. */
	private demote(server: string): void {
		if (!this.servers) return;
		this.servers = { ...this.servers, urls: [...this.servers.urls.filter((url) => url !== server), server] };
	}
}

/** The documented search parameters: partial, case-insensitive matches; broken stations hidden; most voted first. */
export function searchParams(query: DirectoryQuery, limit: number): URLSearchParams {
	const params = new URLSearchParams();
	params.set('name', query.name.trim().toLowerCase());
	const country = query.country?.trim();
	if (country)
		params.set(
			/^[a-z]{2}$/i.test(country) ? 'countrycode' : 'country',
			/^[a-z]{2}$/i.test(country) ? country.toUpperCase() : country.toLowerCase()
		);
	if (query.tag?.trim()) params.set('tag', query.tag.trim().toLowerCase());
	if (query.language?.trim()) params.set('language', query.language.trim().toLowerCase());
	// Some entries fail validation: ask for more than we show.
	params.set('limit', String(limit * 4));
	params.set('hidebroken', 'true');
	params.set('order', 'votes');
	params.set('reverse', 'true');
	return params;
}

function entryBytes(entry: DirectoryEntry): number {
	return 256 + 2 * (entry.name.length + entry.url.length + entry.country.length + entry.language.length + entry.tags.length);
}
