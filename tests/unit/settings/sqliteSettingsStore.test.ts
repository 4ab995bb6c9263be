import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { describeSettingsStoreContract } from './settingsStoreContract.js';

describe('SQLite settings store', () => {
	let directory: string;
	let path: string;

	before(() => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-settings-'));
		path = join(directory, 'nested', 'alastor.sqlite');
	});

	after(() => rmSync(directory, { recursive: true, force: true }));

	describeSettingsStoreContract('SQLite', () => ({
		open: (options) => openSettingsStore({ ...options, sqlitePath: path }),
		raw: (namespace) => new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${path}` }), namespace, throwOnErrors: true }),
		// keyv prefixes SQLite keys itself: `<namespace>:<key>`.
		writeRawText: async (raw, namespace, key, text) => {
			await (raw.store as KeyvSqlite).set(`${namespace}:${key}`, text);
		}
	}));
});
