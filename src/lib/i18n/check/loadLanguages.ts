import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { I18nIssue } from '#lib/i18n/check/I18nIssue';

/** key → text of one namespace file, nested objects flattened with `.` as i18next reads them. */
export type Namespace = ReadonlyMap<string, string>;

export interface LanguageBundle {
	readonly locale: string;
	/** Namespace (`errors`, `commands/radio`, …) → its strings. */
	readonly namespaces: ReadonlyMap<string, Namespace>;
}

export interface LoadedLanguages {
	readonly bundles: ReadonlyMap<string, LanguageBundle>;
	/** Files that could not be read as translations. */
	readonly issues: readonly I18nIssue[];
}

/** Reads `<directory>/<locale>/**\/*.json` the way @sapphire/plugin-i18next does (one namespace per file, sub-folders included). */
export function loadLanguages(directory: string): LoadedLanguages {
	const bundles = new Map<string, LanguageBundle>();
	const issues: I18nIssue[] = [];
	for (const entry of readdirSync(directory, { withFileTypes: true })) {
		if (!entry.isDirectory()) {
			if (!entry.name.startsWith('.')) {
				issues.push({
					severity: 'warning',
					rule: 'stray-file',
					locale: entry.name,
					message: `"${entry.name}" is not a language folder; the bot ignores it.`
				});
			}
			continue;
		}
		const root = join(directory, entry.name);
		const namespaces = new Map<string, Namespace>();
		for (const file of jsonFiles(root)) {
			const namespace = relative(root, file).slice(0, -'.json'.length).split(sep).join('/');
			const strings = readNamespace(file, entry.name, namespace, issues);
			if (strings) namespaces.set(namespace, strings);
		}
		bundles.set(entry.name, { locale: entry.name, namespaces });
	}
	return { bundles, issues };
}

function jsonFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}

function readNamespace(file: string, locale: string, namespace: string, issues: I18nIssue[]): Namespace | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		issues.push({ severity: 'error', rule: 'invalid-json', locale, namespace, message: `${file}: ${(error as Error).message}` });
		return null;
	}
	if (!isPlainObject(parsed)) {
		issues.push({
			severity: 'error',
			rule: 'invalid-json',
			locale,
			namespace,
			message: `${file}: the file must hold one JSON object of strings.`
		});
		return null;
	}
	const strings = new Map<string, string>();
	flatten(parsed, '', (key, value) => {
		if (typeof value === 'string') strings.set(key, value);
		else
			issues.push({
				severity: 'error',
				rule: 'invalid-value',
				locale,
				namespace,
				key,
				message: `The value must be a string, not ${describe(value)}.`
			});
	});
	return strings;
}

function flatten(object: Record<string, unknown>, prefix: string, visit: (key: string, value: unknown) => void): void {
	for (const [name, value] of Object.entries(object)) {
		const key = `${prefix}${name}`;
		if (isPlainObject(value)) flatten(value, `${key}.`, visit);
		else visit(key, value);
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
