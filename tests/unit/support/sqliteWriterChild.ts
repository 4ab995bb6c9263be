// Run as a child process: opens the SQLite file at argv[2] and, per line on stdin ("<bytes>"), inserts a row of that size,
// printing "ok" or the error code: a stand-in for the bot's process when a fault is applied to a pid (prlimit).
import { createInterface } from 'node:readline';
import sqlite3 from 'sqlite3';

const database = new sqlite3.Database(process.argv[2]!);
const run = (sql: string, parameters: unknown[] = []) =>
	new Promise<string>((resolve) =>
		database.run(sql, parameters, (error: (Error & { code?: string }) | null) => resolve(error ? (error.code ?? error.message) : 'ok'))
	);

await run('CREATE TABLE IF NOT EXISTS rows (data BLOB)');
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
	process.stdout.write(`${await run('INSERT INTO rows (data) VALUES (?)', [Buffer.alloc(Number(line), 0x61)])}\n`);
}
database.close();
