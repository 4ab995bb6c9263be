import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import { MergedCatalog } from '#lib/stations/catalog/MergedCatalog';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';

function station(id: string, name: string, aliases: string[] = []): Station {
	return { id, name, url: `https://streams.example/${id}`, aliases, bitrate: 128, format: 'MP3', description: '' };
}

describe('MergedCatalog (a server’s own stations over the shared catalog)', () => {
	const shared = new StationCatalog([station('jazz-fm', 'Jazz FM', ['jazz']), station('rock-fm', 'Rock FM')]);
	const own = new StationCatalog([{ ...station('g1-jazz-cafe', 'Jazz Cafe', ['cafe']), guildId: '1' }]);
	const merged = new MergedCatalog(own, shared);

	it('GIVEN both catalogs WHEN listed THEN the server’s own stations come first, then the shared ones', () => {
		expect(merged.stations.map((entry) => entry.id)).to.deep.equal(['g1-jazz-cafe', 'jazz-fm', 'rock-fm']);
		expect(merged.size).to.equal(3);
	});

	it('GIVEN exact ids, names and aliases of either catalog WHEN resolved THEN each finds its station', () => {
		expect(merged.resolve('cafe')?.id).to.equal('g1-jazz-cafe');
		expect(merged.resolve('g1-jazz-cafe')?.id).to.equal('g1-jazz-cafe');
		expect(merged.resolve('jazz')?.id).to.equal('jazz-fm');
		expect(merged.exact('Rock FM')?.id).to.equal('rock-fm');
		expect(merged.exact('nothing')).to.equal(null);
	});

	it('GIVEN a query matching both WHEN searched THEN results merge by score without duplicates, within the limit', () => {
		const ids = merged.search('jazz', 5).map((match) => match.station.id);
		expect(ids[0]).to.equal('jazz-fm');
		expect(ids).to.include('g1-jazz-cafe');
		expect(new Set(ids).size).to.equal(ids.length);
		expect(merged.search('fm', 1)).to.have.length(1);
	});
});
