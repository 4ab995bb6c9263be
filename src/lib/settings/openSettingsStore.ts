import KeyvRedis, { createClient } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeStorageFailure } from '#lib/settings/describeStorageFailure';
import { KeyvSettingsStore } from '#lib/settings/KeyvSettingsStore';
import { RedisShared } from '#lib/settings/RedisShared';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import { redactRedisUrl, type StorageLocation } from '#lib/settings/StorageLocation';

export const DefaultSettingsPath = 'data/alastor.sqlite';
export const DefaultSettingsNamespace = 'alastor';

export interface SettingsStoreOptions {
	/** The SQLite file, used when `redisUrl` is not set; relative paths are resolved against the working directory. Default `data/alastor.sqlite`. */
	readonly sqlitePath?: string;
	/** `redis://…` or `rediss://…`: several instances share settings through it. */
	readonly redisUrl?: string | null;
	/** Key prefix (no colons); every instance that shares settings uses the same one. Default `alastor`. */
	readonly namespace?: string;
	/** How long SQLite waits for another connection's lock before reporting it locked. Default 3 s. */
	readonly busyTimeoutMs?: number;
	/** How long connecting to Redis may take at startup. Default 5 s. */
	readonly connectTimeoutMs?: number;
	/** Redis only: an operation not answered within this fails (default 2 s, inside Discord's 3 s to answer an interaction). */
	readonly operationTimeoutMs?: number;
	/** How long `guild()` answers from memory. Default 60 s for SQLite (one instance), 5 s for Redis (others may write). */
	readonly cacheTtlMs?: number;
	/** Errors the connection reports outside any call (a Redis disconnect); each call still throws its own SettingsStoreError. */
	readonly onBackgroundError?: (error: unknown) => void;
	/** Names this process to the other instances sharing a Redis (its change messages, its /info report). Default: a random id. */
	readonly instanceId?: string;
}

export type OpenedSettingsStore = KeyvSettingsStore;

/**
 * Opens the settings store and proves it works: a read and a write of a heartbeat record, so a corrupt, locked or read-only
 * database or an unreachable Redis fails here with a SettingsStoreError instead of on a user's first command.
 * The SQLite file and its directory are created when missing; an existing file is never deleted, renamed or reset.
 */
export async function openSettingsStore(options: SettingsStoreOptions = {}): Promise<OpenedSettingsStore> {
	const namespace = options.namespace ?? DefaultSettingsNamespace;
	if (!/^[\w.-]+$/.test(namespace)) {
		throw new SettingsStoreError('invalid-value', `The settings namespace "${namespace}" may only hold letters, digits, ".", "-" and "_".`);
	}
	const { keyv, location, cacheTtlMs, shared, operationTimeoutMs } = options.redisUrl
		? await connectRedis(options.redisUrl, namespace, options)
		: connectSqlite(resolve(options.sqlitePath ?? DefaultSettingsPath), namespace, options);
	const report = options.onBackgroundError;
	const reportOnce = report ? onceAMinutePerMessage(report) : () => undefined;
	if (report) keyv.on('error', reportOnce);
	const store = new KeyvSettingsStore({
		keyv,
		location,
		cacheTtlMs: options.cacheTtlMs ?? cacheTtlMs,
		operationTimeoutMs,
		shared,
		onPublishError: reportOnce
	});
	try {
		await store.probe();
	} catch (error) {
		await store.close().catch(() => undefined);
		throw error;
	}
	return store;
}

interface Connection {
	readonly keyv: Keyv;
	readonly location: StorageLocation;
	readonly cacheTtlMs: number;
	readonly operationTimeoutMs?: number;
	readonly shared?: RedisShared;
}

function connectSqlite(path: string, namespace: string, options: SettingsStoreOptions): Connection {
	const location: StorageLocation = { kind: 'sqlite', path };
	try {
		mkdirSync(dirname(path), { recursive: true });
	} catch (error) {
		throw describeStorageFailure(error, location, `creating the directory ${dirname(path)}`);
	}
	// The adapter treats everything after sqlite:// as the file name (no URI parameters).
	const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: options.busyTimeoutMs ?? 3_000, iterationLimit: 500 });
	return { keyv: new Keyv({ store: adapter, namespace, throwOnErrors: true }), location, cacheTtlMs: 60_000 };
}

async function connectRedis(url: string, namespace: string, options: SettingsStoreOptions): Promise<Connection> {
	const location: StorageLocation = { kind: 'redis', url: redactRedisUrl(url) };
	// node-redis would throw a TypeError that carries the whole URL, password included, into the logs.
	if (!isRedisUrl(url)) {
		throw new SettingsStoreError(
			'cannot-open',
			`REDIS_URL is not a valid redis:// or rediss:// URL (${location.url}). Nothing was changed; correct it and start the bot again.`
		);
	}
	let everConnected = false;
	const client = createClient({
		url,
		// While Redis is down, calls fail at once (and the user hears so) instead of queueing until it returns.
		disableOfflineQueue: true,
		socket: {
			connectTimeout: options.connectTimeoutMs ?? 5_000,
			// At startup the first failure is final (a clear error, exit); later, reconnect with backoff for as long as it takes.
			reconnectStrategy: (retries: number, cause: Error) => (everConnected ? Math.min(100 * 2 ** retries, 2_000) : cause)
		}
	});
	// node-redis throws on an 'error' event nobody listens to; once keyv wraps the client, it reports them (onBackgroundError).
	client.on('error', () => undefined);
	try {
		await client.connect();
		everConnected = true;
	} catch (error) {
		if (client.isOpen) client.destroy();
		throw describeStorageFailure(error, location, 'connecting at startup');
	}
	let shared: RedisShared;
	try {
		shared = await RedisShared.open(client, namespace, options.instanceId ?? randomUUID());
	} catch (error) {
		client.destroy();
		throw describeStorageFailure(error, location, "subscribing to the other instances' changes at startup");
	}
	const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
	// Like @keyv/redis's createKeyv: the adapter prefixes keys itself, so keyv must not.
	const keyv = new Keyv(adapter, { namespace, useKeyPrefix: false, throwOnErrors: true });
	// Other instances' writes arrive as change messages; the TTL only bounds staleness when one is lost. A Redis that hangs
	// (stopped, a dead network path) never refuses: without a deadline a command would wait for ever.
	return { keyv, location, cacheTtlMs: 5_000, shared, operationTimeoutMs: options.operationTimeoutMs ?? 2_000 };
}

/** A Redis outage repeats the same error on every reconnect attempt: pass each distinct message on at most once a minute. */
function onceAMinutePerMessage(report: (error: unknown) => void): (error: unknown) => void {
	const lastReported = new Map<string, number>();
	return (error) => {
		const message = error instanceof Error ? error.message : String(error);
		const now = Date.now();
		if (now - (lastReported.get(message) ?? -Infinity) < 60_000) return;
		lastReported.set(message, now);
		report(error);
	};
}

function isRedisUrl(url: string): boolean {
	try {
		const { protocol, hostname } = new URL(url);
		return (protocol === 'redis:' || protocol === 'rediss:') && hostname !== '';
	} catch {
		return false;
	}
}
