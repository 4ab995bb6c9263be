import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import sqlite3 from 'sqlite3';
import { FaultyDisk } from '#support/FaultyDisk';
import { limitFileSize, unlimitFileSize } from '#support/fileSizeLimit';
import { RedisServer } from '#support/RedisServer';

const writerChild = fileURLToPath(new URL('sqliteWriterChild.js', import.meta.url));

/** A SQLite connection (default journal mode, as @keyv/sqlite uses it) whose statements resolve 'ok' or the error code. */
async function openDatabase(path: string) {
	const database = await new Promise<sqlite3.Database>((resolve, reject) => {
		const opened: sqlite3.Database = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
	});
	const run = (sql: string, parameters: unknown[] = []) =>
		new Promise<string>((resolve) =>
			database.run(sql, parameters, (error: (Error & { code?: string }) | null) => resolve(error ? (error.code ?? 'error') : 'ok'))
		);
	await run('CREATE TABLE IF NOT EXISTS rows (data BLOB)');
	return {
		run,
		insert: (bytes: number) => run('INSERT INTO rows (data) VALUES (?)', [Buffer.alloc(bytes, 0x61)]),
		count: () =>
			new Promise<number>((resolve, reject) =>
				database.get('SELECT COUNT(*) AS n FROM rows', (error, row: { n: number }) => (error ? reject(error) : resolve(row.n)))
			),
		close: () => new Promise<void>((resolve) => database.close(() => resolve()))
	};
}

/** Sends a Redis PING on a fresh connection; resolves 'PONG', 'no answer' after `ms`, or the connection error code. */
async function ping(port: number, ms = 500): Promise<string> {
	const socket = connect(port, '127.0.0.1');
	try {
		await once(socket, 'connect');
		socket.write('PING\r\n');
		const reply = await Promise.race([
			once(socket, 'data').then(([data]) => String(data).trim().replace(/^\+/, '')),
			new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), ms))
		]);
		return reply;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? 'error';
	} finally {
		socket.destroy();
	}
}

describe('storage fault fixtures (FaultyDisk, limitFileSize, RedisServer outages)', () => {
	describe('FaultyDisk', () => {
		let disk: FaultyDisk | undefined;

		before(async function checkMount(this: Mocha.Context) {
			// Mounting needs root with CAP_SYS_ADMIN and loop devices; where that is missing, limitFileSize is the fallback.
			if (!(await FaultyDisk.available())) this.skip();
		});

		afterEach(async () => {
			await disk?.unmount();
			disk = undefined;
		});

		for (const kind of ['ext4', 'tmpfs'] as const) {
			it(`GIVEN a SQLite database on a small ${kind} disk WHEN the disk fills up THEN inserts fail with SQLITE_FULL; once freed they work again`, async () => {
				disk = await FaultyDisk.mount({ kind, sizeBytes: 4 * 1024 * 1024 });
				const database = await openDatabase(disk.path('settings.sqlite'));
				try {
					expect(await database.insert(10_000)).to.equal('ok');
					await disk.fill();
					const full = await database.insert(200_000);
					disk.free();
					const afterwards = await database.insert(200_000);

					expect(full).to.equal('SQLITE_FULL');
					expect(afterwards).to.equal('ok');
					expect(await database.count()).to.equal(2);
				} finally {
					await database.close();
				}
			});
		}

		it('GIVEN an open SQLite database WHEN its directory and file become immutable THEN writes fail, reads work; made mutable again, writes work', async () => {
			disk = await FaultyDisk.mount();
			const database = await openDatabase(disk.path('settings.sqlite'));
			try {
				expect(await database.insert(100)).to.equal('ok');
				await disk.makeImmutable();
				const immutable = await database.insert(100);
				const rows = await database.count();
				await disk.makeMutable();

				// The rollback journal cannot be created next to the database.
				expect(immutable).to.equal('SQLITE_CANTOPEN');
				expect(rows).to.equal(1);
				expect(await database.insert(100)).to.equal('ok');
			} finally {
				await database.close();
			}
		});

		it('GIVEN an open SQLite database on ext4 WHEN the disk fails and ext4 turns read-only THEN writes fail for good, reads still work', async () => {
			disk = await FaultyDisk.mount();
			const database = await openDatabase(disk.path('settings.sqlite'));
			try {
				expect(await database.insert(100)).to.equal('ok');
				await disk.abortToReadOnly();

				// The journal cannot be created on a read-only filesystem (EROFS).
				expect(await database.insert(100)).to.equal('SQLITE_CANTOPEN');
				expect(await database.count()).to.equal(1);
				expect(() => writeFileSync(disk!.path('probe'), 'x'))
					.to.throw()
					.with.property('code', 'EROFS');
			} finally {
				await database.close();
			}
		});

		it('GIVEN a disk WHEN remounted read-only THEN that is refused while a database is open for writing; once closed, opening it read-write fails until remounted writable', async () => {
			disk = await FaultyDisk.mount();
			const path = disk.path('settings.sqlite');
			const database = await openDatabase(path);
			await database.insert(100);
			const whileOpen = await disk.remountReadOnly().then(
				() => 'remounted',
				(error: Error) => error.message
			);
			await database.close();
			await disk.remountReadOnly();
			const readOnly = await openDatabase(path).then(
				async (reopened) => {
					const result = await reopened.insert(100);
					await reopened.close();
					return result;
				},
				(error: Error & { code?: string }) => error.code
			);
			await disk.remountWritable();
			const writable = await openDatabase(path);

			expect(whileOpen).to.match(/busy/);
			expect(readOnly).to.equal('SQLITE_READONLY');
			expect(await writable.insert(100)).to.equal('ok');
			await writable.close();
		});
	});

	describe('limitFileSize (prlimit on a running process)', () => {
		let directory: string;

		beforeEach(() => {
			directory = mkdtempSync(join(tmpdir(), 'alastor-fsize-'));
		});

		afterEach(() => rmSync(directory, { recursive: true, force: true }));

		it('GIVEN a process writing SQLite WHEN its file size limit is lowered THEN growing the file fails with SQLITE_IOERR and the process lives; lifted, writes work', async () => {
			const child = spawn(process.execPath, [writerChild, join(directory, 'settings.sqlite')], { stdio: ['pipe', 'pipe', 'inherit'] });
			const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
			const insert = async (bytes: number) => {
				child.stdin.write(`${bytes}\n`);
				return (await lines.next()).value as string;
			};
			try {
				expect((await lines.next()).value).to.equal('ready');
				expect(await insert(1_000)).to.equal('ok');
				await limitFileSize(child.pid!, 64 * 1024);
				const limited = await insert(200_000);
				await unlimitFileSize(child.pid!);
				const lifted = await insert(200_000);

				expect(limited).to.equal('SQLITE_IOERR');
				expect(lifted).to.equal('ok');
				expect(child.exitCode).to.equal(null);
			} finally {
				child.kill();
			}
		});
	});

	describe('RedisServer outages', () => {
		let redis: RedisServer;

		before(async () => {
			redis = await RedisServer.start();
		});

		after(async () => redis?.kill());

		it('GIVEN Redis paused (SIGSTOP) WHEN pinged THEN the connection opens but nothing answers; resumed, it answers again', async () => {
			redis.pause();
			const paused = await ping(redis.port);
			redis.resume();
			const resumed = await ping(redis.port);

			expect(paused).to.equal('no answer');
			expect(resumed).to.equal('PONG');
		});

		it('GIVEN a Redis outage of 1 s WHEN pinged meanwhile THEN the connection is refused; afterwards it answers on the same port', async () => {
			const back = redis.outage(1_000);
			await new Promise((resolve) => setTimeout(resolve, 200));
			const during = await ping(redis.port);
			await back;
			const after = await ping(redis.port);

			expect(during).to.equal('ECONNREFUSED');
			expect(after).to.equal('PONG');
		});
	});
});
