import { expect } from 'chai';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { chooseFallback } from '#lib/playback/failover';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { StationHealth } from '#lib/stations/health/StationHealth';
import type { GuildSession } from '#lib/voice/VoiceService';

const station = (id: string, fallback?: string[]): Station => ({
	id,
	name: id,
	url: `http://radio.example/${id}`,
	aliases: [],
	bitrate: 128,
	format: 'MP3',
	description: '',
	...(fallback && { fallback })
});
const main = station('main', ['gone', 'first', 'second']);
const catalog = new StationCatalog([main, station('first'), station('second'), station('quiet')]);

describe('chooseFallback', () => {
	let onAir: Set<string>;
	let probed: string[];
	let health: StationHealth;
	const services = () => ({ health, stations: () => Promise.resolve(catalog) });
	const session = (playing: Station, failoverFrom?: Station): GuildSession => ({
		guildId: 'g1',
		channelId: 'c1',
		station: playing,
		volume: 100,
		textChannelId: null,
		since: new Date(),
		...(failoverFrom && { failoverFrom })
	});

	beforeEach(() => {
		onAir = new Set(['first', 'second', 'main']);
		probed = [];
		health = new StationHealth({
			check: (target) => {
				probed.push(target.id);
				return Promise.resolve(onAir.has(target.id));
			},
			isPlaying: () => false,
			freshForMs: 60_000,
			log: pino({ level: 'silent' })
		});
	});

	it('GIVEN a dead station whose fallbacks are a station no longer in the catalog, then two on air WHEN choosing THEN the first on air wins, and the dead one is known off air', async () => {
		expect(await chooseFallback(services(), session(main), main)).to.equal(catalog.exact('first'));
		expect(probed).to.deep.equal(['first']);
		expect(health.stateOf('main')).to.equal('down');
	});

	it('GIVEN the first fallback is known off air WHEN choosing THEN the next one is probed and chosen', async () => {
		health.report('first', false);
		expect((await chooseFallback(services(), session(main), main))?.id).to.equal('second');
		expect(probed).to.deep.equal(['second']);
	});

	it('GIVEN a session standing in for its station WHEN that fallback dies too THEN the next fallback is chosen, or the original once it is back', async () => {
		const first = catalog.exact('first')!;
		expect((await chooseFallback(services(), session(first, main), main))?.id).to.equal('second');
		onAir.delete('second');
		health.report('second', false);
		expect((await chooseFallback(services(), session(first, main), main))?.id).to.equal('main');
	});

	it('GIVEN no fallback on air WHEN choosing THEN there is none, and a station without fallbacks has none either', async () => {
		onAir.clear();
		expect(await chooseFallback(services(), session(main), main)).to.equal(null);
		const quiet = catalog.exact('quiet')!;
		expect(await chooseFallback(services(), session(quiet), quiet)).to.equal(null);
	});

	it('GIVEN a directory station that dies WHEN choosing THEN there is no fallback, and its health is not kept (no list shows it; there are tens of thousands)', async () => {
		const fromDirectory = { ...station('rb-96062a7b-0601-11e8-ae97-52543be04c81'), guildId: 'g1' };
		expect(await chooseFallback(services(), session(fromDirectory), fromDirectory)).to.equal(null);
		expect(health.stateOf(fromDirectory.id)).to.equal('unknown');
		expect(health.counts([])).to.deep.equal({ up: 0, down: 0 });
	});
});
