import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** locale → namespace (`commands/radio`) → strings, or raw file text to write as is (for broken JSON). */
export type LanguageTree = Record<string, Record<string, Record<string, unknown> | string>>;

/** Temporary `languages/` folders for one test file; `cleanup()` in after(). */
export class LanguageFixtures {
	private readonly root = mkdtempSync(join(tmpdir(), 'alastor-languages-'));
	private count = 0;

	public write(tree: LanguageTree): string {
		const directory = join(this.root, `languages-${++this.count}`);
		mkdirSync(directory);
		for (const [locale, namespaces] of Object.entries(tree)) {
			mkdirSync(join(directory, locale), { recursive: true });
			for (const [namespace, content] of Object.entries(namespaces)) {
				const file = join(directory, locale, `${namespace}.json`);
				mkdirSync(dirname(file), { recursive: true });
				writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, '\t'));
			}
		}
		return directory;
	}

	public cleanup(): void {
		rmSync(this.root, { recursive: true, force: true });
	}
}

/** A small en-US bundle using every key convention, and a German one that passes every check. */
export function cleanTree(): LanguageTree {
	return {
		'en-US': {
			'commands/radio': {
				radioName: 'radio',
				radioDescription: 'Internet radio in your voice channel',
				playName: 'play',
				playDescription: 'Play a station',
				playNowPlaying: 'Now playing **{{station}}** in {{channel}}.',
				listFooter_one: 'Page {{page}}/{{pages}} · {{count}} station',
				listFooter_other: 'Page {{page}}/{{pages}} · {{count}} stations',
				stopButton: 'Stop',
				pickPlaceholder: 'Pick a station',
				stationOption: 'A station',
				renameModalTitle: 'Rename the station',
				listenersField: 'Listeners',
				volumeLoudChoice: 'Loud',
				retry: 'Retry'
			},
			errors: { unexpected: 'Something went wrong: `{{reference}}`.' }
		},
		de: {
			'commands/radio': {
				radioName: 'radio',
				radioDescription: 'Internetradio in deinem Sprachkanal',
				playName: 'abspielen',
				playDescription: 'Spiele einen Sender',
				playNowPlaying: 'Jetzt läuft **{{station}}** in {{channel}}.',
				listFooter_one: 'Seite {{page}}/{{pages}} · ein Sender',
				listFooter_other: 'Seite {{page}}/{{pages}} · {{count}} Sender',
				stopButton: 'Stopp',
				pickPlaceholder: 'Wähle einen Sender',
				stationOption: 'Ein Sender',
				renameModalTitle: 'Sender umbenennen',
				listenersField: 'Zuhörer',
				volumeLoudChoice: 'Laut',
				retry: 'Nochmal'
			},
			errors: { unexpected: 'Etwas ist schiefgelaufen: `{{reference}}`.' }
		}
	};
}

/** `cleanTree()` with `change` applied to a copy. */
export function treeWith(change: (tree: LanguageTree) => void): LanguageTree {
	const tree = structuredClone(cleanTree());
	change(tree);
	return tree;
}

export function strings(tree: LanguageTree, locale: string, namespace: string): Record<string, unknown> {
	return tree[locale]![namespace] as Record<string, unknown>;
}
