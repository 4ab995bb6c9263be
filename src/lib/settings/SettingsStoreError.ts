/**
 * What went wrong, for code that reacts differently (tests, health). The message is what an operator reads.
 * - corrupt: the SQLite file is not a database or is damaged
 * - locked: another process holds the SQLite file
 * - read-only: the file or its directory cannot be written
 * - cannot-open: the file cannot be opened at all (missing directory, a directory in its place, permissions)
 * - unreachable: Redis does not answer
 * - invalid-record: a stored record does not have the shape its version promises
 * - newer-version: a record was written by a newer Alastor; it is left as it is
 * - invalid-value: the caller tried to store something invalid (nothing was written)
 * - failed: any other storage failure
 */
export type SettingsProblem =
	'corrupt' | 'locked' | 'read-only' | 'cannot-open' | 'unreachable' | 'invalid-record' | 'newer-version' | 'invalid-value' | 'failed';

/** Every failure of the SettingsStore. Settings are never reset or overwritten because of one. */
export class SettingsStoreError extends Error {
	public override readonly name = 'SettingsStoreError';

	public constructor(
		public readonly problem: SettingsProblem,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}
