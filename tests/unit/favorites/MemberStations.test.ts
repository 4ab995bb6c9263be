import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { ChoiceMarks, choicesWithPinned, pinnedStations } from '#lib/favorites/favoriteChoices';
import { MemberStations } from '#lib/favorites/MemberStations';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import { MergedCatalog } from '#lib/stations/catalog/MergedCatalog';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { directoryStation } from '#lib/stations/directory/directoryStation';

const configStation = (name: string, id = name.toLowerCase().replace(/\s+/g, '-')): Station => ({
	id,
	name,
	url: `https://streams.invalid/${id}`,
	aliases: [],
	bitrate: 128,
	format: 'MP3',
	description: ''
});
const jazz = configStation('Jazz FM');
const rock = configStation('Rock FM');
const news = configStation('News FM');
const shared = new StationCatalog([jazz, rock, news]);
const ownStation = (guildId: string): Station => ({ ...configStation('Our FM', `g${guildId}-our-fm`), guildId });
const fromDirectory = directoryStation(
	{
		uuid: '96062a7b-0601-11e8-ae97-52543be04c81',
		name: 'Directory Jazz',
		url: 'https://dir.example/jazz.mp3',
		codec: 'AAC',
		bitrate: 64,
		hls: false,
		favicon: 'https://dir.example/jazz.png'
	},
	'100'
);

describe('MemberStations with a real SQLite store', () => {
	let directory: string;
	let store: OpenedSettingsStore;
	const logged: { msg: string }[] = [];
	const log = pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
	const members = (maxFavorites = 3) => new MemberStations({ store: () => store, maxFavorites, log });

	beforeEach(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-members-'));
		store = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		logged.length = 0;
	});
	afterEach(async () => {
		await store.close().catch(() => undefined);
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a member WHEN they favourite stations up to the cap and one more THEN the extra is refused, a toggle removes one, and another instance reads the same list', async () => {
		const mine = members(3);
		expect(await mine.toggle('1', jazz)).to.deep.equal({ kind: 'added', count: 1 });
		expect(await mine.toggle('1', rock)).to.deep.equal({ kind: 'added', count: 2 });
		expect(await mine.toggle('1', fromDirectory)).to.deep.equal({ kind: 'added', count: 3 });
		expect(await mine.toggle('1', news)).to.deep.equal({ kind: 'limit', max: 3 });
		expect(await mine.toggle('1', rock)).to.deep.equal({ kind: 'removed', count: 2 });
		const elsewhere = await members(3).get('1');
		expect(elsewhere.favorites.map((favorite) => favorite.id)).to.deep.equal([jazz.id, fromDirectory.id]);
		expect((await members(3).get('2')).favorites).to.deep.equal([]);
	});

	it('GIVEN a directory station and a config station WHEN kept THEN only the directory one keeps its stream URL and logo (no catalog holds them)', async () => {
		const mine = members();
		await mine.toggle('1', fromDirectory);
		await mine.toggle('1', { ...jazz, logo: 'https://radio.example/jazz.png' });
		const [kept, config] = (await mine.get('1')).favorites;
		expect(kept).to.deep.equal({
			id: fromDirectory.id,
			name: 'Directory Jazz',
			url: 'https://dir.example/jazz.mp3',
			logo: 'https://dir.example/jazz.png',
			format: 'AAC',
			bitrate: 64
		});
		expect(config).to.not.have.property('url');
		expect(config).to.not.have.property('logo');
	});

	it('GIVEN a member who starts a station WHEN the write finished THEN it is their last station; with the storage closed it is only logged', async () => {
		const mine = members();
		mine.played('1', rock);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect((await members().get('1')).last?.id).to.equal(rock.id);

		await store.close();
		mine.played('1', jazz);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(logged.some((line) => line.msg === 'last station not saved')).to.equal(true);
		const error = await mine.toggle('1', jazz).catch((caught: unknown) => caught);
		expect(error).to.be.instanceOf(SettingsStoreError);
	});

	it('GIVEN a slow storage WHEN the member asks right after starting a station, or a read older than a change ends after it THEN the new last station is what they get, never the older record', async () => {
		const gates: (() => void)[] = [];
		const held = <T>(work: () => Promise<T>) => new Promise<void>((resolve) => gates.push(resolve)).then(work);
		const slow = {
			memberStations: (userId: string) => held(() => store.memberStations(userId)),
			updateMemberStations: (userId: string, change: Parameters<typeof store.updateMemberStations>[1]) =>
				held(() => store.updateMemberStations(userId, change))
		};
		const mine = new MemberStations({ store: () => slow, maxFavorites: 3, log });
		const release = async () => {
			for (let turns = 0; gates.length === 0; turns++) {
				if (turns > 1_000) throw new Error('nothing waits for the storage');
				await new Promise((resolve) => setImmediate(resolve));
			}
			gates.shift()!();
		};

		// A read begins (held), then the member starts a station; the old read ends last.
		const olderRead = mine.get('1');
		mine.played('1', rock);
		const askedRightAfter = mine.get('1');
		await release(); // the older read: it sees no last station yet
		await release(); // the write
		expect((await olderRead).last).to.equal(null);
		expect((await askedRightAfter).last?.id, 'waited for the write').to.equal(rock.id);
		const later = mine.get('1');
		expect((await later).last?.id, 'the older read was not cached').to.equal(rock.id);
		expect(gates, 'answered from memory').to.have.lengthOf(0);
	});

	it('GIVEN ten toggles of different stations at once WHEN they finish THEN every one is applied (one change at a time per member)', async () => {
		const mine = members(25);
		const stations = Array.from({ length: 10 }, (_, index) => configStation(`Station ${index}`));
		await Promise.all(stations.map((station) => mine.toggle('1', station)));
		expect((await members(25).get('1')).favorites).to.have.lengthOf(10);
	});
});

describe('favourite choices in autocomplete', () => {
	const guildId = '100';
	const catalog = new MergedCatalog(new StationCatalog([ownStation(guildId)]), shared);
	const record = {
		favorites: [
			{ id: jazz.id, name: jazz.name, format: 'MP3', bitrate: 128 },
			{ id: 'g999-their-fm', name: 'Their FM', format: 'MP3', bitrate: 0 },
			{ id: fromDirectory.id, name: fromDirectory.name, url: fromDirectory.url, format: 'AAC', bitrate: 64 }
		],
		last: { id: rock.id, name: rock.name, format: 'MP3', bitrate: 128 }
	};

	it('GIVEN favourites and a last station WHEN the station option is empty THEN the last comes first, then favourites newest first, then the catalog, each once, another server’s own station left out', () => {
		const choices = choicesWithPinned(pinnedStations(record, catalog, guildId), catalog, '');
		expect(choices.slice(0, 3)).to.deep.equal([
			{ name: `${ChoiceMarks.Last} Rock FM · 128 kbps MP3`, value: rock.id },
			{ name: `${ChoiceMarks.Favorite} Directory Jazz · 64 kbps AAC`, value: fromDirectory.id },
			{ name: `${ChoiceMarks.Favorite} Jazz FM · 128 kbps MP3`, value: jazz.id }
		]);
		const values = choices.map((choice) => choice.value);
		expect(values).to.not.include('g999-their-fm');
		expect(new Set(values).size).to.equal(values.length);
		expect(values).to.include.members([`g${guildId}-our-fm`, news.id]);
	});

	it('GIVEN a query WHEN autocompleting THEN only pinned stations matching it stay first', () => {
		const choices = choicesWithPinned(pinnedStations(record, catalog, guildId), catalog, 'jazz');
		expect(choices.map((choice) => choice.value).slice(0, 2)).to.deep.equal([fromDirectory.id, jazz.id]);
		expect(choices[0]!.name.startsWith(ChoiceMarks.Favorite)).to.equal(true);
	});

	it('GIVEN stations known to be off air WHEN autocompleting THEN the pinned ones keep their place and the catalog’s off-air ones come last', () => {
		const offAir = new Set([jazz.id, news.id]);
		const values = choicesWithPinned(pinnedStations(record, catalog, guildId), catalog, '', (id) => offAir.has(id)).map((choice) => choice.value);
		expect(values.slice(0, 3)).to.deep.equal([rock.id, fromDirectory.id, jazz.id]);
		expect(values.slice(-1)).to.deep.equal([news.id]);
		expect(values.indexOf(`g${guildId}-our-fm`)).to.be.below(values.indexOf(news.id));
	});
});
