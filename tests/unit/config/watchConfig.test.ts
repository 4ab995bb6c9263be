import { expect } from 'chai';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '#lib/config/ConfigError';
import { diffStations, sectionsNeedingRestart } from '#lib/config/diffConfig';
import { loadConfig } from '#lib/config/loadConfig';
import type { Config } from '#lib/config/types';
import { watchConfig, type ConfigWatcher } from '#lib/config/watchConfig';
import { waitFor } from '#support/waitFor';
import { validLines } from './configFiles.js';

const withStation = (name: string, url = 'https://example.com/extra.mp3') => [
	...validLines,
	`  '${name}':`,
	`    url: '${url}'`,
	'    bitrate: 64',
	'    format: MP3'
];

describe('watchConfig', () => {
	let directory: string;
	let file: string;
	let watcher: ConfigWatcher;
	let changes: Config[];
	let invalid: ConfigError[];
	let errors: unknown[];

	const write = (lines: readonly string[]) => writeFileSync(file, `${lines.join('\n')}\n`);
	/** What an editor does: write a new file beside it, then rename it over the old one. */
	const saveLikeAnEditor = (lines: readonly string[]) => {
		const temporary = join(directory, '.config.yaml.swp');
		writeFileSync(temporary, `${lines.join('\n')}\n`);
		renameSync(temporary, file);
	};
	const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-watch-'));
		file = join(directory, 'config.yaml');
		write(validLines);
		changes = [];
		invalid = [];
		errors = [];
		watcher = watchConfig(
			{
				file,
				debounceMs: 50,
				load: (path) => loadConfig(path),
				onChange: (next) => changes.push(next),
				onInvalid: (error) => invalid.push(error),
				onError: (error) => errors.push(error)
			},
			readFileSync(file, 'utf8')
		);
	});

	afterEach(() => {
		watcher.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a valid edit WHEN the file is written THEN the new config is delivered once', async () => {
		write(withStation('Extra'));
		await waitFor(() => changes.length > 0, 'the change');
		await settle();
		expect(changes).to.have.lengthOf(1);
		expect(changes[0]!.radios.map((station) => station.id)).to.deep.equal(['bbc-radio-1', 'absolut-relax', 'extra']);
		expect(invalid).to.deep.equal([]);
	});

	it('GIVEN an editor that saves by renaming a new file over the old one WHEN it saves THEN the edit is seen, and again at the next save', async () => {
		saveLikeAnEditor(withStation('First'));
		await waitFor(() => changes.length === 1, 'the first save');
		saveLikeAnEditor(withStation('Second'));
		await waitFor(() => changes.length === 2, 'the second save');
		expect(changes[1]!.radios.at(-1)!.id).to.equal('second');
	});

	it('GIVEN several writes in quick succession WHEN they settle THEN only the last content is loaded, once', async () => {
		for (const name of ['One', 'Two', 'Three']) write(withStation(name));
		await waitFor(() => changes.length > 0, 'the change');
		await settle();
		expect(changes.map((config) => config.radios.at(-1)!.id)).to.deep.equal(['three']);
	});

	it('GIVEN a broken edit WHEN it is saved THEN it is reported with its line and nothing changes; WHEN fixed THEN the fix applies', async () => {
		write([...validLines, '  Broken:', "    url: 'ftp://nope'", '    bitrate: 64', '    format: MP3']);
		await waitFor(() => invalid.length > 0, 'the invalid edit');
		expect(invalid[0]!.message).to.include(':14: radios.Broken.url: must be an http:// or https:// URL');
		expect(changes).to.deep.equal([]);
		write(withStation('Fixed'));
		await waitFor(() => changes.length > 0, 'the fixed edit');
		expect(changes[0]!.radios.at(-1)!.id).to.equal('fixed');
		expect(invalid).to.have.lengthOf(1);
	});

	it('GIVEN the same content written again or another file in the directory changing WHEN it settles THEN nothing is delivered', async () => {
		write(validLines);
		writeFileSync(join(directory, 'notes.txt'), 'unrelated');
		await settle();
		await settle();
		expect(changes).to.deep.equal([]);
		expect(invalid).to.deep.equal([]);
		expect(errors).to.deep.equal([]);
	});

	it('GIVEN a watcher that was closed WHEN the file changes THEN nothing is delivered', async () => {
		watcher.close();
		write(withStation('Late'));
		await settle();
		expect(changes).to.deep.equal([]);
	});
});

describe('diffStations and sectionsNeedingRestart', () => {
	const config = (lines: readonly string[]) => {
		const directory = mkdtempSync(join(tmpdir(), 'alastor-diff-'));
		try {
			writeFileSync(join(directory, 'config.yaml'), `${lines.join('\n')}\n`);
			return loadConfig(join(directory, 'config.yaml'));
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	};

	it('GIVEN stations added, removed, with a new URL and with a new description WHEN compared THEN each lands in its group, by id', () => {
		const before = config(withStation('Old'));
		const after = config([
			...validLines.map((line) => line.replace("'Hits.'", "'Only hits.'").replace('relax.mp3', 'relax-hq.mp3')),
			"  'New':",
			"    url: 'https://example.com/new.mp3'",
			'    bitrate: 64',
			'    format: MP3'
		]);
		const changes = diffStations(before.radios, after.radios);
		const ids = (stations: readonly { id: string }[]) => stations.map((station) => station.id);
		expect({
			added: ids(changes.added),
			removed: ids(changes.removed),
			restreamed: ids(changes.restreamed),
			relabelled: ids(changes.relabelled)
		}).to.deep.equal({ added: ['new'], removed: ['old'], restreamed: ['absolut-relax'], relabelled: ['bbc-radio-1'] });
		expect(diffStations(before.radios, before.radios)).to.deep.equal({ added: [], removed: [], restreamed: [], relabelled: [] });
	});

	it('GIVEN a changed voice section and a changed bot text WHEN compared THEN only the voice section waits for a restart', () => {
		const before = config(validLines);
		const after = config([...validLines, 'bot:', "  description: 'New words'", 'voice:', '  idle_timeout_seconds: 99']);
		expect(sectionsNeedingRestart(before, after)).to.deep.equal(['voice']);
	});

	it('GIVEN changed health, config_reload and directory sections WHEN compared THEN each is named as config.yaml spells it', () => {
		const before = config(validLines);
		const after = config([
			...validLines,
			'health: { probe_interval_seconds: 30 }',
			'config_reload: { debounce_ms: 100 }',
			'directory: { enabled: false }'
		]);
		expect(sectionsNeedingRestart(before, after)).to.have.members(['health', 'config_reload', 'directory']);
	});
});
