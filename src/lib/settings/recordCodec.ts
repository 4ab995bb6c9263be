import { z } from 'zod';
import type { RecordKind } from '#lib/settings/RecordKind';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';

/** How every record is stored: the shape's version next to the data, so a later Alastor can migrate it. */
export interface StoredRecord {
	readonly version: number;
	readonly data: unknown;
}

const Envelope = z.object({ version: z.number().int().positive(), data: z.unknown() });

/**
 * The current-version data of a stored record: checks the envelope, refuses records from a newer Alastor, runs the migrations
 * from the stored version up, and validates the result. Any problem is a SettingsStoreError naming the key, never defaults.
 */
export function decodeRecord<T>(kind: RecordKind<T>, key: string, stored: unknown, where: string): T {
	const envelope = Envelope.safeParse(stored);
	if (!envelope.success) throw invalidRecord(kind, key, where, 'it is not a { version, data } record');
	const { version, data: storedData } = envelope.data;
	if (version > kind.version) {
		throw new SettingsStoreError(
			'newer-version',
			`The record "${key}" (${kind.description}) in ${where} has version ${version}, but this Alastor understands up to version ${kind.version}: a newer Alastor wrote it. Alastor will not use or overwrite it; run the newer Alastor, or restore a backup from before the upgrade.`
		);
	}
	let data = storedData;
	for (let from = version; from < kind.version; from++) {
		const step = kind.migrations[from];
		if (!step) throw invalidRecord(kind, key, where, `there is no migration from version ${from}`);
		const checked = step.schema.safeParse(data);
		if (!checked.success) throw invalidRecord(kind, key, where, `as version ${from}: ${summarize(checked.error)}`);
		data = step.upgrade(checked.data);
	}
	const result = kind.schema.safeParse(data);
	if (!result.success) throw invalidRecord(kind, key, where, summarize(result.error));
	return result.data;
}

/** The record to store for `data`; invalid data is refused (nothing is written). */
export function encodeRecord<T>(kind: RecordKind<T>, key: string, data: T): StoredRecord {
	const result = kind.schema.safeParse(data);
	if (!result.success) {
		throw new SettingsStoreError(
			'invalid-value',
			`Refusing to store invalid ${kind.description} under "${key}": ${summarize(result.error)}. Nothing was changed.`
		);
	}
	return { version: kind.version, data: result.data };
}

/** The stored version of a record, or null when it has none we can read (then it is not from a newer Alastor). */
export function storedVersion(stored: unknown): number | null {
	const envelope = Envelope.safeParse(stored);
	return envelope.success ? envelope.data.version : null;
}

export function invalidRecord(kind: { description: string }, key: string, where: string, reason: string): SettingsStoreError {
	return new SettingsStoreError(
		'invalid-record',
		`The record "${key}" (${kind.description}) in ${where} is invalid (${reason}). Alastor did not change it and will not use defaults in its place. Fix or delete that record, or restore a backup.`
	);
}

function summarize(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
		.join('; ');
}
