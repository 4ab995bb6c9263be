import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Where mounting a small disk is not allowed (FaultyDisk.available() false): lowers the soft RLIMIT_FSIZE of a running
 * process (e.g. the bot's pid), so any write that would grow a file past `bytes` fails with EFBIG (SQLite: SQLITE_IOERR).
 * Node ignores SIGXFSZ, so the process lives on. Needs no privileges for a process of the same user.
 */
export async function limitFileSize(pid: number, bytes: number): Promise<void> {
	await run('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`]);
}

/** Lifts the limit again (back up to the hard limit, normally unlimited). */
export async function unlimitFileSize(pid: number): Promise<void> {
	await run('prlimit', ['--pid', String(pid), '--fsize=unlimited:']);
}
