import { readFileSync } from 'node:fs';
import type { TypedT } from '#lib/i18n/T';

// Compiled to dist/tests/support/: the bundles stay in the source tree.
const bundles = new URL('../../../languages/en-US/', import.meta.url);
const cache = new Map<string, Record<string, string>>();

function entry(key: string, count?: number): string {
	const [namespace, name] = key.split(':') as [string, string];
	let bundle = cache.get(namespace);
	if (!bundle) {
		bundle = JSON.parse(readFileSync(new URL(`${namespace}.json`, bundles), 'utf8')) as Record<string, string>;
		cache.set(namespace, bundle);
	}
	const text = count === undefined ? bundle[name] : (bundle[`${name}_${count === 1 ? 'one' : 'other'}`] ?? bundle[name]);
	if (text === undefined) throw new Error(`en-US has no ${key}`);
	return text;
}

/** The en-US text of a typed key as the bot renders it, with `values` put in once (as the bot's i18next does). */
export function en<TArgs extends object>(key: TypedT<TArgs>, values: Partial<Record<keyof TArgs, string | number>> = {}): string {
	const record = values as Record<string, string | number>;
	return entry(key, typeof record.count === 'number' ? record.count : undefined).replace(/\{\{-?\s*(\w+)\s*\}\}/g, (whole, name: string) =>
		name in record ? String(record[name]) : whole
	);
}

/** The en-US text of a key as a pattern: its own words literally, any value where it interpolates one. */
export function enPattern(key: TypedT): RegExp {
	const parts = entry(key).split(/\{\{-?\s*\w+\s*\}\}/);
	return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?'));
}
