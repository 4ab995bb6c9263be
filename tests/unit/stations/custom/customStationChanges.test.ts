import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { Station } from '#lib/config/types';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import type { CustomStationRecord } from '#lib/settings/types';
import { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { customStationId, MaxCustomStations } from '#lib/stations/custom/customStation';
import { addCustomStation, removeCustomStation, type CustomStationServices, type NewCustomStation } from '#lib/stations/custom/customStationChanges';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { StationStreams } from '#lib/stations/StationStreams';
import { makeAudioFixtures, type AudioFixtures } from '#support/streamFixtures';
import { TestStation } from '#support/TestStation';

const jazz: Station = {
	id: 'jazz-fm',
	name: 'Jazz FM',
	url: 'https://streams.invalid/jazz',
	aliases: ['jazz'],
	bitrate: 128,
	format: 'MP3',
	description: ''
};
const localOnly: AddressPolicy = { allowPrivateAddresses: true };
const strict: AddressPolicy = { allowPrivateAddresses: false };

let guildCounter = 0;
/** A server of its own for each test: the keyed lock, the catalog cache and the stored list are per server. */
const newGuild = () => `4${String(++guildCounter).padStart(17, '0')}`;

/** A stored station that was never preflighted (seeding a server's list directly). */
const seeded = (guildId: string, index: number): CustomStationRecord => ({
	id: customStationId(guildId, `Seeded ${index}`),
	name: `Seeded ${index}`,
	url: `https://streams.invalid/${index}`,
	aliases: [],
	format: 'MP3',
	bitrate: 0,
	addedBy: '1',
	addedAt: 0
});

function sqlite(path: string): Promise<sqlite3.Database> {
	return new Promise((resolve, reject) => {
		const database: sqlite3.Database = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(database)));
	});
}
function exec(database: sqlite3.Database, sql: string): Promise<void> {
	return new Promise((resolve, reject) => database.run(sql, (error: Error | null) => (error ? reject(error) : resolve())));
}
function closeDatabase(database: sqlite3.Database): Promise<void> {
	return new Promise((resolve, reject) => database.close((error) => (error ? reject(error) : resolve())));
}

describe('customStationChanges (/station add and remove) with a real SQLite store, catalogs and local stations', () => {
	let directory: string;
	let settings: OpenedSettingsStore;
	let station: TestStation;
	let fixtures: AudioFixtures;
	let catalogs: GuildCatalogs;

	const services = (overrides: Partial<CustomStationServices> = {}): CustomStationServices => ({
		settings,
		catalogs,
		streams: new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), {
			timeoutMs: 5_000,
			userAgent: 'alastor-test',
			addressPolicy: localOnly
		}),
		policy: localOnly,
		now: () => 1_700_000_000_000,
		...overrides
	});
	const input = (name: string, url: string, aliases: string | null = null): NewCustomStation => ({ name, url, aliases, addedBy: '42' });
	const storedNames = async (guildId: string) => (await settings.customStations(guildId)).map((record) => record.name);
	const requests = () => station.requests().length;

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-custom-'));
		settings = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		[station, fixtures] = await Promise.all([
			TestStation.start({ mounts: { '/live.mp3': { frequency: 440, bitrate: 96 } } }),
			makeAudioFixtures()
		]);
		station.serve('/tone.aac', { contentType: 'audio/aac', body: fixtures.aac });
		station.serve('/page.html', { contentType: 'text/html', body: '<!doctype html><p>Not a stream</p>' });
		catalogs = new GuildCatalogs(new StationCatalog([jazz]), { customStations: (guildId) => settings.customStations(guildId) });
	});

	after(async () => {
		await station?.stop();
		fixtures?.remove();
		await settings?.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a live MP3 stream at 96 kbps WHEN it is added THEN it is stored with the detected format and bitrate and the server’s catalog shows it at once', async () => {
		const guildId = newGuild();
		expect((await catalogs.forGuild(guildId)).exact('Live Radio'), 'cached before the add').to.equal(null);
		const outcome = await addCustomStation(services(), guildId, input('Live Radio', station.url('/live.mp3'), 'live, LR'));
		expect(outcome).to.deep.equal({
			kind: 'added',
			station: {
				id: customStationId(guildId, 'Live Radio'),
				name: 'Live Radio',
				url: station.url('/live.mp3'),
				aliases: ['live', 'lr'],
				bitrate: 96,
				format: 'MP3',
				description: '',
				guildId
			}
		});
		expect(await settings.customStations(guildId)).to.deep.equal([
			{
				id: customStationId(guildId, 'Live Radio'),
				name: 'Live Radio',
				url: station.url('/live.mp3'),
				aliases: ['live', 'lr'],
				format: 'MP3',
				bitrate: 96,
				addedBy: '42',
				addedAt: 1_700_000_000_000
			}
		]);
		const catalog = await catalogs.forGuild(guildId);
		expect([catalog.exact('Live Radio')?.id, catalog.exact('lr')?.id]).to.deep.equal([
			customStationId(guildId, 'Live Radio'),
			customStationId(guildId, 'Live Radio')
		]);
	});

	it('GIVEN an AAC stream that names no bitrate WHEN it is added THEN its format is AAC and its bitrate unknown (0)', async () => {
		const outcome = await addCustomStation(services(), newGuild(), input('Tone AAC', station.url('/tone.aac')));
		expect(outcome.kind === 'added' && [outcome.station.format, outcome.station.bitrate]).to.deep.equal(['AAC', 0]);
	});

	it('GIVEN a server with 50 stations WHEN a 51st is added THEN it is refused with the limit, before any request to it', async () => {
		const guildId = newGuild();
		await settings.saveCustomStations(
			guildId,
			Array.from({ length: MaxCustomStations }, (_, index) => seeded(guildId, index))
		);
		const before = requests();
		expect(await addCustomStation(services(), guildId, input('One Too Many', station.url('/live.mp3')))).to.deep.equal({
			kind: 'limit',
			max: MaxCustomStations
		});
		expect(requests()).to.equal(before);
		expect(await settings.customStations(guildId)).to.have.length(MaxCustomStations);
	});

	it('GIVEN names the server already uses WHEN a station is added under one of them THEN it is refused quoting what the user typed, nothing stored, nothing requested', async () => {
		const guildId = newGuild();
		await settings.saveCustomStations(guildId, [{ ...seeded(guildId, 1), name: 'Rock Radio', aliases: ['rock'] }]);
		const before = requests();
		expect(await addCustomStation(services(), guildId, input('JAZZ fm', station.url('/live.mp3')))).to.deep.equal({
			kind: 'names',
			problem: 'taken',
			key: 'JAZZ fm',
			by: 'Jazz FM'
		});
		expect(await addCustomStation(services(), guildId, input('Other Radio', station.url('/live.mp3'), 'Smooth, ROCK '))).to.deep.equal({
			kind: 'names',
			problem: 'taken',
			key: 'ROCK',
			by: 'Rock Radio'
		});
		expect(requests()).to.equal(before);
		expect(await storedNames(guildId)).to.deep.equal(['Rock Radio']);
	});

	it('GIVEN the strict URL policy WHEN a loopback address is added THEN the refusal names the address and its range, nothing stored, nothing requested', async () => {
		const guildId = newGuild();
		const before = requests();
		const outcome = await addCustomStation(services({ policy: strict }), guildId, input('Loop Radio', station.url('/live.mp3')));
		expect(outcome.kind).to.equal('url-refused');
		expect(outcome.kind === 'url-refused' && outcome.refusal).to.include({ code: 'blocked-address', address: '127.0.0.1', range: 'loopback' });
		expect(requests()).to.equal(before);
		expect(await storedNames(guildId)).to.deep.equal([]);
	});

	it('GIVEN the strict URL policy WHEN a host name that resolves to loopback is added THEN the preflight refuses it before connecting, nothing stored', async () => {
		const guildId = newGuild();
		const streams = new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), {
			timeoutMs: 5_000,
			userAgent: 'alastor-test',
			addressPolicy: strict,
			resolveHost: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }])
		});
		const before = requests();
		const outcome = await addCustomStation(
			services({ policy: strict, streams }),
			guildId,
			input('Sneaky Radio', `http://radio.example:${station.port}/live.mp3`)
		);
		expect(outcome).to.include({ kind: 'unplayable', reason: 'unsafe-url' });
		expect(outcome.kind === 'unplayable' && outcome.refusal).to.include({ code: 'blocked-address', address: '127.0.0.1', range: 'loopback' });
		expect(requests()).to.equal(before);
		expect(await storedNames(guildId)).to.deep.equal([]);
	});

	it('GIVEN an address that serves a web page WHEN it is added THEN it is refused as not audio, with nothing stored', async () => {
		const guildId = newGuild();
		const outcome = await addCustomStation(services(), guildId, input('Page Radio', station.url('/page.html')));
		expect(outcome).to.include({ kind: 'unplayable', reason: 'not-audio' });
		expect(station.requests('/page.html').length).to.be.greaterThan(0);
		expect(await storedNames(guildId)).to.deep.equal([]);
	});

	it('GIVEN a server’s station WHEN it is removed by name, alias or id THEN it is gone from storage and the catalog; a missing one is null', async () => {
		const guildId = newGuild();
		const records = [
			{ ...seeded(guildId, 1), name: 'First Radio', aliases: ['first'] },
			{ ...seeded(guildId, 2), name: 'Second Radio', aliases: ['second'] },
			{ ...seeded(guildId, 3), name: 'Third Radio', aliases: [] }
		];
		await settings.saveCustomStations(guildId, records);
		expect((await catalogs.forGuild(guildId)).exact('First Radio')).not.to.equal(null);

		expect((await removeCustomStation(services(), guildId, '  first RADIO '))?.id).to.equal(records[0]!.id);
		expect((await removeCustomStation(services(), guildId, 'second'))?.id).to.equal(records[1]!.id);
		expect((await removeCustomStation(services(), guildId, records[2]!.id))?.name).to.equal('Third Radio');
		expect(await removeCustomStation(services(), guildId, 'First Radio')).to.equal(null);
		expect(await storedNames(guildId)).to.deep.equal([]);
		expect((await catalogs.forGuild(guildId)).exact('First Radio')).to.equal(null);
	});

	it('GIVEN the database is locked by another writer WHEN a station is added or removed THEN SettingsStoreError propagates and nothing changes', async () => {
		const guildId = newGuild();
		const path = join(directory, 'locked.sqlite');
		const store = await openSettingsStore({ sqlitePath: path, busyTimeoutMs: 100 });
		const holder = await sqlite(path);
		try {
			await store.saveCustomStations(guildId, [seeded(guildId, 1)]);
			const lockedCatalogs = new GuildCatalogs(new StationCatalog([jazz]), { customStations: (id) => store.customStations(id) });
			const locked = services({ settings: store, catalogs: lockedCatalogs });
			expect((await lockedCatalogs.forGuild(guildId)).size).to.equal(2);
			await exec(holder, 'BEGIN IMMEDIATE');
			const preflights = station.requests('/live.mp3').length;

			const added = await addCustomStation(locked, guildId, input('Live Radio', station.url('/live.mp3'))).catch((error: unknown) => error);
			expect(added).to.be.instanceOf(SettingsStoreError).and.have.property('problem', 'locked');
			expect(station.requests('/live.mp3').length, 'the save failed, after the preflight').to.be.greaterThan(preflights);
			const removed = await removeCustomStation(locked, guildId, 'Seeded 1').catch((error: unknown) => error);
			expect(removed).to.be.instanceOf(SettingsStoreError).and.have.property('problem', 'locked');

			await exec(holder, 'ROLLBACK');
			expect((await store.customStations(guildId)).map((record) => record.name)).to.deep.equal(['Seeded 1']);
			const catalog = await lockedCatalogs.forGuild(guildId);
			expect([catalog.exact('Live Radio'), catalog.exact('Seeded 1')?.name]).to.deep.equal([null, 'Seeded 1']);
		} finally {
			await closeDatabase(holder);
			await store.close();
		}
	});

	it('GIVEN a server with 49 stations WHEN two stations are added at once THEN one is added and the other refused by the limit: never 51', async () => {
		const guildId = newGuild();
		await settings.saveCustomStations(
			guildId,
			Array.from({ length: MaxCustomStations - 1 }, (_, index) => seeded(guildId, index))
		);
		const outcomes = await Promise.all([
			addCustomStation(services(), guildId, input('Racing One', station.url('/live.mp3'))),
			addCustomStation(services(), guildId, input('Racing Two', station.url('/live.mp3')))
		]);
		expect(outcomes.map((outcome) => outcome.kind)).to.deep.equal(['added', 'limit']);
		const names = await storedNames(guildId);
		expect(names).to.have.length(MaxCustomStations);
		expect(names.at(-1)).to.equal('Racing One');
	});

	it('GIVEN the same new name sent twice at once WHEN both are added THEN one is added and the other refused as taken: never a duplicate', async () => {
		const guildId = newGuild();
		const outcomes = await Promise.all([
			addCustomStation(services(), guildId, input('Twin Radio', station.url('/live.mp3'))),
			addCustomStation(services(), guildId, input('twin radio', station.url('/live.mp3')))
		]);
		expect(outcomes[0]!.kind).to.equal('added');
		expect(outcomes[1]).to.deep.equal({ kind: 'names', problem: 'taken', key: 'twin radio', by: 'Twin Radio' });
		expect(await storedNames(guildId)).to.deep.equal(['Twin Radio']);
	});
});
