import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { describeStorageFailure } from '#lib/settings/describeStorageFailure';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { expectSettingsError } from './settingsStoreContract.js';

const childScript = fileURLToPath(new URL('openStoreChild.js', import.meta.url));
const NobodyUid = 65_534;

function openDatabase(path: string, mode?: number): Promise<sqlite3.Database> {
	return new Promise((resolve, reject) => {
		const database: sqlite3.Database = new sqlite3.Database(path, mode ?? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (error) =>
			error ? reject(error) : resolve(database)
		);
	});
}

function run(database: sqlite3.Database, sql: string): Promise<void> {
	return new Promise((resolve, reject) => database.run(sql, (error: Error | null) => (error ? reject(error) : resolve())));
}

function closeDatabase(database: sqlite3.Database): Promise<void> {
	return new Promise((resolve, reject) => database.close((error) => (error ? reject(error) : resolve())));
}

describe('SQLite settings store failures (a broken database is reported, never reset)', () => {
	let directory: string;

	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-settings-fail-'));
	});

	afterEach(() => rmSync(directory, { recursive: true, force: true }));

	async function databaseWithSettings(path: string): Promise<void> {
		const store = await openSettingsStore({ sqlitePath: path });
		await store.updateGuild('100000000000000001', { language: 'de', volume: { max: 120 } });
		await store.close();
	}

	it('GIVEN a file that is not a database WHEN the store opens THEN a corrupt error names the file and says what to do, and the file is byte-identical', async () => {
		const path = join(directory, 'alastor.sqlite');
		const bytes = Buffer.from('These are not the settings you are looking for.\n'.repeat(100));
		writeFileSync(path, bytes);
		const error = await expectSettingsError(openSettingsStore({ sqlitePath: path }), 'corrupt');
		expect(error.message).to.include(path).and.include('SQLITE_NOTADB').and.include('backup').and.include('left the file as it is');
		expect(readFileSync(path).equals(bytes), 'file bytes unchanged').to.equal(true);
		expect(readdirSync(directory), 'nothing renamed or added').to.deep.equal(['alastor.sqlite']);
	});

	it('GIVEN a database whose table pages are damaged WHEN the store opens THEN it is a corrupt error and the file is byte-identical', async () => {
		const path = join(directory, 'alastor.sqlite');
		await databaseWithSettings(path);
		const damaged = readFileSync(path);
		// Page 1 (header and schema) stays; every later page, the settings table among them, becomes noise.
		damaged.fill(0xa5, 4_096);
		writeFileSync(path, damaged);
		const error = await expectSettingsError(openSettingsStore({ sqlitePath: path }), 'corrupt');
		expect(error.message)
			.to.include(path)
			.and.match(/SQLITE_CORRUPT|SQLITE_NOTADB/);
		expect(readFileSync(path).equals(damaged), 'file bytes unchanged').to.equal(true);
	});

	it('GIVEN another connection holding an exclusive lock WHEN the store opens THEN it is a locked error; once released the settings are intact', async () => {
		const path = join(directory, 'alastor.sqlite');
		await databaseWithSettings(path);
		const holder = await openDatabase(path);
		try {
			await run(holder, 'BEGIN EXCLUSIVE');
			const error = await expectSettingsError(openSettingsStore({ sqlitePath: path, busyTimeoutMs: 100 }), 'locked');
			expect(error.message).to.include(path).and.include('SQLITE_BUSY').and.include('another process');
			await run(holder, 'ROLLBACK');
		} finally {
			await closeDatabase(holder);
		}
		const store = await openSettingsStore({ sqlitePath: path });
		expect((await store.guild('100000000000000001')).volume.max).to.equal(120);
		await store.close();
	});

	it('GIVEN a read-only database file WHEN the store opens for a user who cannot write it THEN it is a read-only error and the file is byte-identical', async function readOnlyFile(this: Mocha.Context) {
		const path = join(directory, 'alastor.sqlite');
		await databaseWithSettings(path);
		const before = readFileSync(path);
		chmodSync(path, 0o444);
		// Root writes through file modes, so as root the store opens as "nobody"; otherwise as ourselves.
		const asRoot = userInfo().uid === 0;
		chmodSync(directory, 0o755);
		let stdout: string;
		try {
			({ stdout } = await promisify(execFile)(process.execPath, [childScript, path], asRoot ? { uid: NobodyUid, gid: NobodyUid } : {}));
		} catch (error) {
			// Not allowed to switch users (a restricted container): the mapping test below still covers the read-only case.
			const { code } = error as NodeJS.ErrnoException;
			if (asRoot && (code === 'EPERM' || code === 'EACCES')) this.skip();
			throw error;
		}
		const outcome = JSON.parse(stdout) as { opened: boolean; problem?: string; message?: string };
		expect(outcome).to.include({ opened: false, problem: 'read-only' });
		expect(outcome.message).to.include(path).and.include('SQLITE_READONLY').and.include('writable');
		expect(readFileSync(path).equals(before), 'file bytes unchanged').to.equal(true);
		expect(statSync(path).mode & 0o777).to.equal(0o444);
	});

	it('GIVEN a real SQLITE_READONLY error from sqlite3 WHEN it is described THEN it is read-only, names the file and says how to fix it', async () => {
		const path = join(directory, 'alastor.sqlite');
		await databaseWithSettings(path);
		const readOnly = await openDatabase(path, sqlite3.OPEN_READONLY);
		const raw = await run(readOnly, "INSERT INTO keyv (key, value) VALUES ('x', 'y')").then(
			() => null,
			(error: unknown) => error
		);
		await closeDatabase(readOnly);
		const described = describeStorageFailure(raw, { kind: 'sqlite', path }, 'saving server settings');
		expect(described.problem).to.equal('read-only');
		expect(described.message).to.include(path).and.include('SQLITE_READONLY').and.include('saving server settings').and.include('SETTINGS_PATH');
	});

	it('GIVEN SETTINGS_PATH naming a directory WHEN the store opens THEN it is a cannot-open error naming it', async () => {
		const path = join(directory, 'a-directory');
		mkdirSync(path);
		const error = await expectSettingsError(openSettingsStore({ sqlitePath: path }), 'cannot-open');
		expect(error.message).to.include(path).and.include('SQLITE_CANTOPEN');
	});

	it('GIVEN a path whose directories do not exist yet WHEN the store opens THEN it creates them and the file', async () => {
		const path = join(directory, 'data', 'deeper', 'alastor.sqlite');
		const store = await openSettingsStore({ sqlitePath: path });
		await store.close();
		expect(statSync(path).isFile()).to.equal(true);
	});
});
