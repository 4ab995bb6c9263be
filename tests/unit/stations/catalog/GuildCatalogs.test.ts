import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import type { CustomStationRecord } from '#lib/settings/types';
import { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';

const shared = new StationCatalog([
	{
		id: 'jazz-fm',
		name: 'Jazz FM',
		url: 'https://streams.example/jazz',
		aliases: ['jazz'],
		bitrate: 128,
		format: 'MP3',
		description: ''
	} satisfies Station
]);

/** The most a server may store: 50 stations, 2,048-character URLs, 50-character names, five 32-character aliases. */
function fullServer(guildId: string): CustomStationRecord[] {
	return Array.from({ length: 50 }, (_, index) => ({
		id: `g${guildId}-${'station'.padEnd(50, 'x')}-${index}`,
		name: `Station ${index} `.padEnd(50, 'n'),
		url: `https://example.com/${'u'.repeat(2_000)}/${guildId}/${index}`,
		aliases: Array.from({ length: 5 }, (_, alias) => `${alias}-${index}-`.padEnd(32, 'a')),
		format: 'MP3',
		bitrate: 128,
		addedBy: '1',
		addedAt: 0
	}));
}

describe('GuildCatalogs (each server’s catalog, held in memory within a byte budget)', () => {
	it('GIVEN 100 servers with the most custom stations allowed and a 4 MiB budget WHEN each server’s catalog is read THEN the held catalogs stay within 4 MiB, the least recently used dropped and read again on demand', async () => {
		const reads = new Map<string, number>();
		const catalogs = new GuildCatalogs(shared, {
			maxBytes: 4 * 1024 * 1024,
			customStations: (guildId) => {
				reads.set(guildId, (reads.get(guildId) ?? 0) + 1);
				return Promise.resolve(fullServer(guildId));
			}
		});
		for (let guild = 0; guild < 100; guild++) {
			const catalog = await catalogs.forGuild(String(guild));
			expect(catalog.size).to.equal(51);
			expect(catalogs.held.bytes).to.be.at.most(4 * 1024 * 1024);
		}
		const { servers } = catalogs.held;
		expect(servers).to.be.within(2, 99);

		await catalogs.forGuild('99');
		expect(reads.get('99'), 'the most recent server is still held').to.equal(1);
		await catalogs.forGuild('0');
		expect(reads.get('0'), 'the oldest server was dropped, so it is read again').to.equal(2);
	});

	it('GIVEN servers without custom stations WHEN 1,000 of them are read THEN they are all held: they cost a key, not a catalog', async () => {
		const catalogs = new GuildCatalogs(shared, { maxBytes: 1024 * 1024, customStations: () => Promise.resolve([]) });
		for (let guild = 0; guild < 1_000; guild++) expect(await catalogs.forGuild(`${1_000_000_000_000_000 + guild}`)).to.equal(shared);
		expect(catalogs.held.servers).to.equal(1_000);
		expect(catalogs.held.bytes).to.be.below(1024 * 1024);
	});
});
