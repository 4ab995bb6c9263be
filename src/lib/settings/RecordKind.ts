import type { z } from 'zod';

/** One step of a record's history: checks a record has the shape of version `n` and turns it into version `n + 1`. */
export interface Migration {
	readonly schema: z.ZodType;
	upgrade(data: unknown): unknown;
}

/** A kind of stored record: its current version and shape, and how older versions are brought up to date on read. */
export interface RecordKind<T> {
	/** For messages: "server settings", "session". */
	readonly description: string;
	readonly version: number;
	readonly schema: z.ZodType<T>;
	/** `migrations[n]` upgrades a version-n record to n + 1; every version below `version` needs one. */
	readonly migrations: Readonly<Record<number, Migration>>;
}

/** A typed migration: `upgrade` receives data already checked against `schema`. */
export function migration<S extends z.ZodType>(schema: S, upgrade: (data: z.output<S>) => unknown): Migration {
	return { schema, upgrade: (data) => upgrade(data as z.output<S>) };
}
