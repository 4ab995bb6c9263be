import type { ZodMiniType } from 'zod/mini';
import { issue, type ValidationIssue } from './issues.js';

/** Runs one discord-api-spec schema and translates zod's issues into Discord-style ones. */
export function checkSchema(schema: ZodMiniType, body: unknown, basePath: readonly (string | number)[] = []): ValidationIssue[] {
	const result = schema.safeParse(body);
	if (result.success) return [];
	return result.error.issues.map((zodIssue) =>
		issue(
			[...basePath, ...zodIssue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
			schemaCode(zodIssue.code),
			zodIssue.message
		)
	);
}

function schemaCode(zodCode: string): string {
	switch (zodCode) {
		case 'too_big':
		case 'too_small':
			return 'BASE_TYPE_BAD_LENGTH';
		case 'invalid_type':
			return 'BASE_TYPE_INVALID';
		default:
			return 'BASE_TYPE_INVALID';
	}
}

/**
 * discord-api-spec types permission bitfields as numbers, but Discord (and discord.js) send them as decimal strings;
 * turn such strings into numbers before the schema sees them so valid bodies are not rejected.
 */
export function numericPermissions<T>(command: T): T {
	if (command === null || typeof command !== 'object') return command;
	const value = (command as Record<string, unknown>).default_member_permissions;
	if (typeof value === 'string' && /^\d+$/.test(value)) return { ...command, default_member_permissions: Number(value) };
	return command;
}
