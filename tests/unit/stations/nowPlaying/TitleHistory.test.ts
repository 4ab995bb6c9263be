import { expect } from 'chai';
import { TitleHistory } from '#lib/stations/nowPlaying/TitleHistory';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 12, minute));

describe('TitleHistory', () => {
	it('GIVEN titles recorded in a guild WHEN listed THEN they come newest first with station and time', () => {
		const history = new TitleHistory();
		history.record('g1', 'bbc1', 'One - A', at(0));
		history.record('g1', 'fip', 'Two - B', at(1));
		expect(history.list('g1')).to.deep.equal([
			{ title: 'Two - B', stationId: 'fip', at: at(1) },
			{ title: 'One - A', stationId: 'bbc1', at: at(0) }
		]);
		expect(history.list('other')).to.deep.equal([]);
	});

	it('GIVEN the same title repeated consecutively WHEN recorded THEN it counts once; after another title it counts again', () => {
		const history = new TitleHistory();
		expect(history.record('g1', 's', 'Same - Song', at(0))).to.equal(true);
		expect(history.record('g1', 's', 'Same - Song', at(1))).to.equal(false);
		history.record('g1', 's', 'Other - Song', at(2));
		history.record('g1', 's', 'Same - Song', at(3));
		expect(history.list('g1').map((entry) => entry.title)).to.deep.equal(['Same - Song', 'Other - Song', 'Same - Song']);
		expect(history.list('g1')[2]!.at).to.deep.equal(at(0));
	});

	it('GIVEN more than 20 titles WHEN listed THEN only the newest 20 remain', () => {
		const history = new TitleHistory();
		for (let index = 0; index < 25; index++) history.record('g1', 's', `Song ${index}`, at(index));
		const titles = history.list('g1').map((entry) => entry.title);
		expect(titles).to.have.length(20);
		expect(titles[0]).to.equal('Song 24');
		expect(titles.at(-1)).to.equal('Song 5');
	});

	it('GIVEN empty titles WHEN recorded THEN they are ignored and create no guild', () => {
		const history = new TitleHistory();
		expect(history.record('g1', 's', '  ', at(0))).to.equal(false);
		expect(history.size).to.equal(0);
	});

	it('GIVEN a listed history WHEN the caller changes the returned array THEN the history is unchanged', () => {
		const history = new TitleHistory();
		history.record('g1', 's', 'A', at(0));
		history.list('g1').pop();
		expect(history.list('g1')).to.have.length(1);
	});

	it('GIVEN a guild history WHEN cleared THEN it is empty and other guilds keep theirs', () => {
		const history = new TitleHistory();
		history.record('g1', 's', 'A', at(0));
		history.record('g2', 's', 'B', at(0));
		history.clear('g1');
		expect(history.list('g1')).to.deep.equal([]);
		expect(history.list('g2')).to.have.length(1);
		expect(history.size).to.equal(1);
	});

	it('GIVEN the guild cap is reached WHEN another guild records THEN the least recently used guild is evicted', () => {
		const history = new TitleHistory({ maxGuilds: 3 });
		for (const guild of ['g1', 'g2', 'g3']) history.record(guild, 's', `Song in ${guild}`, at(0));
		// Reading g1 makes g2 the least recently used.
		history.list('g1');
		history.record('g4', 's', 'Song in g4', at(1));
		expect(history.size).to.equal(3);
		expect(history.list('g2')).to.deep.equal([]);
		expect(history.list('g1')).to.have.length(1);
		expect(history.list('g4')).to.have.length(1);
	});

	it('GIVEN 10,000 guilds with full histories WHEN more guilds record THEN the guild count stays at the cap and each keeps at most 20 titles', () => {
		const history = new TitleHistory();
		for (let guild = 0; guild < 10_500; guild++) {
			for (let index = 0; index < 22; index++) history.record(`g${guild}`, 's', `Song ${index}`, at(index));
		}
		expect(history.size).to.equal(10_000);
		expect(history.list('g0')).to.deep.equal([]);
		expect(history.list('g10499')).to.have.length(20);
	});

	it('GIVEN a 4000-character title WHEN recorded THEN it is stored capped at 500 characters', () => {
		const history = new TitleHistory();
		history.record('g1', 's', 'x'.repeat(4000), at(0));
		expect(history.list('g1')[0]!.title).to.have.length(500);
	});
});
