import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { MaxChoiceLength, MaxChoices, stationChoices } from '#lib/stations/catalog/stationLabels';

function station(name: string, aliases: string[], overrides: Partial<Station> = {}): Station {
	const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return { id, name, url: `https://streams.example/${id}`, aliases, bitrate: 128, format: 'MP3', description: '', ...overrides };
}

const catalog = new StationCatalog([
	station('BBC Radio 1', ['bbc1', 'radio1'], { format: 'AAC', description: 'New music and hits' }),
	station('BBC Radio 2', ['bbc2']),
	station('BBC World Service', ['bbcws'], { description: 'International news' }),
	station('Absolut Relax', ['relax']),
	station('SomaFM Groove Salad', ['groovesalad'], { description: 'Ambient and downtempo beats' })
]);

describe('StationCatalog', () => {
	it('GIVEN an exact alias in any case WHEN resolved THEN it is that station', () => {
		expect(catalog.resolve('BBC1')?.name).to.equal('BBC Radio 1');
		expect(catalog.resolve('relax')?.name).to.equal('Absolut Relax');
	});

	it('GIVEN a station id or full name WHEN resolved THEN it is that station', () => {
		expect(catalog.resolve('bbc-world-service')?.name).to.equal('BBC World Service');
		expect(catalog.resolve('somafm groove salad')?.name).to.equal('SomaFM Groove Salad');
	});

	it('GIVEN a small typo WHEN resolved THEN the close station is found, and gibberish finds nothing', () => {
		expect(catalog.resolve('Absolut Relx')?.name).to.equal('Absolut Relax');
		expect(catalog.resolve('zzqqxx')).to.equal(null);
	});

	it('GIVEN an alias that also fuzzily matches others WHEN searched THEN the exact alias ranks first', () => {
		const names = catalog.search('bbc2', 5).map((match) => match.station.name);
		expect(names[0]).to.equal('BBC Radio 2');
	});

	it('GIVEN a word from a description WHEN searched THEN that station is found', () => {
		expect(catalog.search('downtempo', 5).map((match) => match.station.name)).to.include('SomaFM Groove Salad');
	});

	it('GIVEN an empty query WHEN searched THEN stations come in catalog order, at most the limit', () => {
		expect(catalog.search('', 2).map((match) => match.station.name)).to.deep.equal(['BBC Radio 1', 'BBC Radio 2']);
	});
});

describe('stationChoices', () => {
	it('GIVEN a query WHEN choices are built THEN each is labelled "name · kbps format" and valued by station id', () => {
		const [first] = stationChoices(catalog, 'bbc1');
		expect(first).to.deep.equal({ name: 'BBC Radio 1 · 128 kbps AAC', value: 'bbc-radio-1' });
	});

	it('GIVEN a catalog of 300 stations and a very long name WHEN choices are built THEN at most 25 come back, none over 100 characters, the badge kept', () => {
		const many = new StationCatalog([
			station(`Radio ${'Extraordinarily Long Name '.repeat(6)}`, ['long']),
			...Array.from({ length: 300 }, (_, index) => station(`Radio Number ${index}`, [`r${index}`]))
		]);
		const choices = stationChoices(many, 'radio');
		expect(choices).to.have.lengthOf(MaxChoices);
		for (const choice of choices) expect(choice.name.length).to.be.at.most(MaxChoiceLength);
		const long = stationChoices(many, 'long')[0]!;
		expect(long.name).to.match(/… · 128 kbps MP3$/);
		expect(long.name).to.have.lengthOf(MaxChoiceLength);
	});
});

describe('stationChoices with station health', () => {
	it('GIVEN matches of which some are known off air WHEN choices are built THEN those come last, each group in match order', () => {
		const radios = new StationCatalog(['Radio One', 'Radio Two', 'Radio Three', 'Radio Four'].map((name) => station(name, [])));
		const offAir = new Set(['radio-one', 'radio-three']);
		expect(stationChoices(radios, 'radio').map((choice) => choice.value)).to.deep.equal(['radio-one', 'radio-two', 'radio-three', 'radio-four']);
		expect(stationChoices(radios, 'radio', (id) => offAir.has(id)).map((choice) => choice.value)).to.deep.equal([
			'radio-two',
			'radio-four',
			'radio-one',
			'radio-three'
		]);
	});
});

describe('StationCatalog at scale', () => {
	it('GIVEN a generated 10,000-station catalog WHEN an exact alias is typed THEN that station ranks first', async () => {
		const { generatedCatalog } = await import('../../../bench/autocomplete.bench.js');
		const large = generatedCatalog(10_000);
		const [first] = stationChoices(large, 's4242');
		expect(first?.value).to.equal('station-4242');
		expect(stationChoices(large, 'jazz')).to.have.lengthOf(MaxChoices);
	});

	it('GIVEN a 2,000-station catalog with a 256 KiB search cache WHEN 50 different full-catalog searches (as /radio list does) run THEN the cache stays within its bytes and still serves the latest one', () => {
		const stations = Array.from({ length: 2_000 }, (_, index) => station(`Station ${index} FM`, [`s${index}`]));
		const listed = new StationCatalog(stations, { searchCacheBytes: 256 * 1024 });
		let latest: unknown;
		// Each limit is a cache entry of its own; every station matches, so each result holds ~2,000 matches (~140 KB).
		for (let limit = listed.size; limit > listed.size - 50; limit--) {
			latest = listed.search('station', limit);
			expect(listed.cachedSearchBytes).to.be.at.most(256 * 1024);
		}
		expect(listed.cachedSearchBytes).to.be.above(0);
		expect(listed.search('station', listed.size - 49)).to.equal(latest);
	});
});
