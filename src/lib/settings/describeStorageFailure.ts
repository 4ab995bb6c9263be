import { SettingsStoreError, type SettingsProblem } from '#lib/settings/SettingsStoreError';
import { describeLocation, type StorageLocation } from '#lib/settings/StorageLocation';

const sqliteProblems: Record<string, SettingsProblem> = {
	SQLITE_NOTADB: 'corrupt',
	SQLITE_CORRUPT: 'corrupt',
	SQLITE_BUSY: 'locked',
	SQLITE_LOCKED: 'locked',
	SQLITE_READONLY: 'read-only',
	SQLITE_PERM: 'read-only',
	SQLITE_AUTH: 'read-only',
	EACCES: 'read-only',
	EPERM: 'read-only',
	EROFS: 'read-only',
	SQLITE_CANTOPEN: 'cannot-open',
	ENOTDIR: 'cannot-open'
};

/** Redis server replies that mean "it answered, but refused": not an outage, a setup problem. */
const redisRefusals = /^(WRONGPASS|NOAUTH|NOPERM|READONLY|OOM|MISCONF|LOADING|ERR)\b/;

/**
 * Turns a raw storage error (sqlite3's `SQLITE_*` codes, fs errno codes, node-redis errors) into a SettingsStoreError whose
 * message names the file or server, says what is wrong, that nothing was changed, and what the operator can do.
 */
export function describeStorageFailure(error: unknown, location: StorageLocation, action: string): SettingsStoreError {
	if (error instanceof SettingsStoreError) return error;
	const detail = errorDetail(error);
	return location.kind === 'sqlite' ? sqliteFailure(error, location.path, action, detail) : redisFailure(error, location, action, detail);
}

function sqliteFailure(error: unknown, path: string, action: string, detail: string): SettingsStoreError {
	const code = errorCode(error);
	const problem = (code ? sqliteProblems[code] : undefined) ?? 'failed';
	return new SettingsStoreError(problem, sqliteMessage(problem, `The settings database ${path}`, action, detail), { cause: error });
}

function sqliteMessage(problem: SettingsProblem, where: string, action: string, detail: string): string {
	const user = describeUser();
	switch (problem) {
		case 'corrupt':
			return `${where} is damaged or is not an SQLite database (${detail}). Alastor left the file as it is and changed nothing. Restore it from a backup, or move it aside to start with empty settings (every server's settings are then lost), and start Alastor again.`;
		case 'locked':
			return `${where} is locked by another process (${detail}) while ${action}. Nothing was changed. Only one Alastor can use a SQLite file: stop the other instance or tool holding it (or set REDIS_URL to share settings between several instances), then try again.`;
		case 'read-only':
			return `${where} cannot be written (${detail}) while ${action}, so settings cannot be saved. Nothing was changed. Make the file and its directory writable for ${user} (for Docker, mount a writable volume at the data directory), or point SETTINGS_PATH at a writable place.`;
		case 'cannot-open':
			return `${where} cannot be opened (${detail}). Nothing was changed. Check that SETTINGS_PATH names a file (not a directory) in a directory that exists and is writable for ${user}.`;
		default:
			return `${where} failed while ${action} (${detail}). Nothing was changed. Check the disk (space, health) and the file's permissions, then try again.`;
	}
}

function redisFailure(error: unknown, location: StorageLocation, action: string, detail: string): SettingsStoreError {
	const where = describeLocation(location);
	if (redisRefusals.test(detail)) {
		return new SettingsStoreError(
			'failed',
			`${capitalize(where)} refused ${action} (${detail}). Nothing was changed. Check REDIS_URL (user, password, database) and that the server accepts writes.`,
			{ cause: error }
		);
	}
	return new SettingsStoreError(
		'unreachable',
		`${capitalize(where)} is unreachable (${detail}) while ${action}. Nothing was changed. Start Redis or fix REDIS_URL, then try again.`,
		{ cause: error }
	);
}

function errorCode(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

function errorDetail(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0) return errorDetail(error.errors[0]);
	if (error instanceof Error) {
		const code = errorCode(error);
		return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
	}
	return String(error);
}

function describeUser(): string {
	const uid = process.getuid?.();
	return uid === undefined ? 'the user running Alastor' : `the user running Alastor (uid ${uid})`;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
