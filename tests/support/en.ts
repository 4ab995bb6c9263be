import { i18next } from '@sapphire/plugin-i18next';
import type { InitOptions } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { i18nOptions, languageDirectory } from '#lib/i18n/i18nOptions';

/**
 * What the bot says in en-US for a translation key, so that a test asserts on the key (and its variables) rather than
 * on a copied English sentence: a reworded bundle does not break it, a wrong key or a wrong variable still does.
 *
 * Rendered by its own i18next instance (not the global one the unit tests re-initialise) with the options the bot runs
 * with: @sapphire/plugin-i18next's defaults plus src/lib/i18n/i18nOptions.ts (values interpolated once, no escaping,
 * no empty strings). Namespaces are file paths under languages/en-US, as the plugin names them (`commands/radio`).
 */

type Variables = Record<string, unknown>;

function bundles(directory: string, prefix = ''): Record<string, object> {
	const found: Record<string, object> = {};
	for (const entry of readdirSync(directory, { withFileTypes: true })) {
		if (entry.isDirectory()) Object.assign(found, bundles(join(directory, entry.name), `${prefix}${entry.name}/`));
		else if (entry.name.endsWith('.json'))
			found[`${prefix}${entry.name.slice(0, -'.json'.length)}`] = JSON.parse(readFileSync(join(directory, entry.name), 'utf8')) as object;
	}
	return found;
}

function english(): typeof i18next {
	const resources = bundles(join(languageDirectory, 'en-US'));
	const created = i18next.createInstance();
	void created.init({
		// As the plugin initialises i18next (InternationalizationHandler.init)...
		lng: 'en-US',
		fallbackLng: 'en-US',
		load: 'all',
		defaultNS: 'default',
		ns: Object.keys(resources),
		resources: { 'en-US': resources },
		initAsync: false,
		ignoreJSONStructure: false,
		// ...with the bot's own options (i18nOptions.ts).
		...(i18nOptions(() => null).i18next as InitOptions)
	});
	return created;
}

// Loaded when a test file is imported, not in the middle of a test, where reading the bundles would stall the emulator.
const instance = english();

/** The en-US text of `key` ("namespace:key", e.g. `preconditions:inVoiceChannel`) with `variables`; throws for an unknown key. */
export function en(key: string, variables: Variables = {}): string {
	if (!instance.exists(key, variables)) throw new Error(`en(): no en-US string for ${key}`);
	return instance.t(key, variables) as string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A RegExp for the en-US text of `key`: variables given as RegExps match their pattern (a timestamp `<t:\d+:R>`, a
 * command mention), the rest literally. `whole` anchors it to the entire text.
 */
export function enPattern(key: string, variables: Record<string, unknown> = {}, { whole = false } = {}): RegExp {
	const patterns: string[] = [];
	const placeholders = Object.fromEntries(
		Object.entries(variables).map(([name, value]) => {
			if (!(value instanceof RegExp)) return [name, value];
			patterns.push(value.source);
			return [name, `\u0000${patterns.length - 1}\u0000`];
		})
	);
	const source = escapeRegExp(en(key, placeholders)).replace(/\u0000(\d+)\u0000/g, (_, index: string) => `(?:${patterns[Number(index)]})`);
	return new RegExp(whole ? `^${source}$` : source);
}

/** The mention the bot writes for a registered slash command (`</radio list:id>`, its id as the emulator assigned it). */
export function commandMention(emu: { registeredCommands(): Record<string, any>[] }, path: string): string {
	const name = path.split(' ')[0];
	const command = emu.registeredCommands().find((registered) => registered.name === name);
	if (!command) throw new Error(`commandMention(): no registered command ${name}`);
	return `</${path}:${String(command.id)}>`;
}
