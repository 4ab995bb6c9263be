import type { z } from 'zod';
import { describeKind } from '#lib/config/describeValue';
import { closestMatch } from '#lib/config/didYouMean';
import type { KeyPathSegment } from '#lib/config/keyPath';
import { knownKeys } from '#lib/config/schema';

export interface LocatedProblem {
	readonly path: readonly KeyPathSegment[];
	readonly message: string;
}

const kindNames: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a mapping (key: value lines)',
	record: 'a mapping (key: value lines)'
};

/** Turns one zod issue into the problems a human reads: one per unknown key, plain-language type errors. */
export function describeIssue(issue: z.core.$ZodIssue): LocatedProblem[] {
	const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
	// Messages written in the schema itself already read "must ..."; keep them.
	if (issue.code !== 'unrecognized_keys' && issue.message.startsWith('must')) return [{ path, message: issue.message }];
	switch (issue.code) {
		case 'unrecognized_keys':
			return issue.keys.map((key) => ({ path: [...path, key], message: unknownKeyMessage(key, keysExpectedAt(path)) }));
		case 'invalid_type':
			if (issue.input === undefined) return [{ path, message: 'is required' }];
			return [{ path, message: `must be ${kindNames[issue.expected] ?? issue.expected} (got ${describeKind(issue.input)})` }];
		case 'too_small':
			if (issue.origin === 'string' && Number(issue.minimum) === 1) return [{ path, message: 'must not be empty' }];
			return [{ path, message: `must be at least ${issue.minimum} (got ${describeKind(issue.input)})` }];
		case 'too_big':
			return [{ path, message: `must be at most ${issue.maximum} (got ${describeKind(issue.input)})` }];
		default:
			return [{ path, message: issue.message }];
	}
}

function keysExpectedAt(path: readonly KeyPathSegment[]): readonly string[] {
	if (path.length === 0) return knownKeys.root;
	if (path[0] === 'radios' && path.length === 2) return knownKeys.station;
	if (path[0] === 'donations' && path.length === 2) return knownKeys.donation;
	const [section] = path;
	if (
		path.length === 1 &&
		typeof section === 'string' &&
		section !== 'root' &&
		section !== 'station' &&
		section !== 'donation' &&
		Object.hasOwn(knownKeys, section)
	)
		return knownKeys[section as keyof typeof knownKeys];
	return [];
}

function unknownKeyMessage(key: string, expected: readonly string[]): string {
	const suggestion = closestMatch(key, expected);
	if (suggestion !== undefined) return `unknown key (did you mean "${suggestion}"?)`;
	return expected.length > 0 ? `unknown key (known keys: ${expected.join(', ')})` : 'unknown key';
}
