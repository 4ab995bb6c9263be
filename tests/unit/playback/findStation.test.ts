import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import { findStation, type StationLookupServices } from '#lib/playback/findStation';
import { EmptyMemberStations, type MemberStationsRecord } from '#lib/settings/types';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import type { DirectoryEntry } from '#lib/stations/directory/directoryEntry';
import type { GuildSession } from '#lib/voice/VoiceService';

const jazz: Station = {
	id: 'jazz-fm',
	name: 'Jazz FM',
	url: 'https://streams.invalid/jazz',
	aliases: ['jazz'],
	bitrate: 128,
	format: 'MP3',
	description: ''
};
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const entry = (n: number, name: string): DirectoryEntry => ({
	uuid: uuid(n),
	name,
	url: `https://dir.example/${n}.mp3`,
	country: '',
	countryCode: '',
	language: '',
	tags: '',
	codec: 'MP3',
	bitrate: 128,
	votes: 0,
	hls: false,
	favicon: n === 1 ? null : `https://dir.example/${n}.png`
});

describe('findStation', () => {
	const network: string[] = [];
	let deferred = 0;
	const services = (record: MemberStationsRecord = EmptyMemberStations, playing: Station | null = null): StationLookupServices => ({
		guildStations: { forGuild: () => Promise.resolve(new StationCatalog([jazz])) },
		memberStations: { get: () => Promise.resolve(record) },
		directory: {
			cached: (wanted) => (wanted === uuid(1) ? entry(1, 'Cached FM') : null),
			station: (wanted) => {
				network.push(wanted);
				return Promise.resolve(wanted === uuid(2) ? entry(2, 'Fetched FM') : null);
			}
		},
		voice: { sessionFor: () => (playing ? ({ station: playing } as GuildSession) : null) }
	});
	const lookup = (query: string) => ({ guildId: '100', userId: '1', query, beforeNetwork: () => Promise.resolve(deferred++) });

	beforeEach(() => {
		network.length = 0;
		deferred = 0;
	});

	it('GIVEN a directory id the member kept WHEN looked up THEN it plays from the kept stream with the kept logo, as this server’s user-provided station, without a request', async () => {
		const record = {
			favorites: [
				{
					id: `rb-${uuid(3)}`,
					name: 'Kept FM',
					url: 'https://dir.example/kept.mp3',
					logo: 'https://dir.example/kept.png',
					format: 'OGG',
					bitrate: 96
				}
			],
			last: null
		};
		const station = await findStation(services(record), lookup(`rb-${uuid(3)}`));
		expect(station).to.deep.include({
			name: 'Kept FM',
			url: 'https://dir.example/kept.mp3',
			logo: 'https://dir.example/kept.png',
			format: 'OGG',
			guildId: '100'
		});
		expect(network).to.deep.equal([]);
	});

	it('GIVEN directory ids WHEN one is in memory and another is not THEN the first needs no request; the second is asked for after the caller deferred; each has its favicon, if any, as its logo', async () => {
		const cached = await findStation(services(), lookup(`rb-${uuid(1)}`));
		expect(cached?.name).to.equal('Cached FM');
		expect(cached).to.not.have.property('logo');
		expect(deferred).to.equal(0);
		const fetched = await findStation(services(), lookup(`rb-${uuid(2)}`));
		expect(fetched).to.deep.include({ name: 'Fetched FM', logo: 'https://dir.example/2.png' });
		expect([deferred, network]).to.deep.equal([1, [uuid(2)]]);
		expect(await findStation(services(), lookup(`rb-${uuid(4)}`))).to.equal(null);
	});

	it('GIVEN the directory station playing here WHEN its id is looked up THEN that station is it', async () => {
		const playing: Station = { ...jazz, id: `rb-${uuid(5)}`, name: 'Playing FM', guildId: '100' };
		expect(await findStation(services(EmptyMemberStations, playing), lookup(`rb-${uuid(5)}`))).to.equal(playing);
	});

	it('GIVEN other text WHEN looked up THEN the catalog decides, and a kept directory station is found by its exact name', async () => {
		expect(await findStation(services(), lookup('jazz'))).to.equal(jazz);
		const record = {
			favorites: [],
			last: { id: `rb-${uuid(6)}`, name: 'Late Night FM', url: 'https://dir.example/late.mp3', format: 'MP3', bitrate: 0 }
		};
		expect((await findStation(services(record), lookup('late night fm')))?.id).to.equal(`rb-${uuid(6)}`);
		expect(await findStation(services(), lookup('nothing like it'))).to.equal(null);
	});
});
