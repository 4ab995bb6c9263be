import { expect } from 'chai';
import { NowPlaying, type NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { splitSongTitle } from '#lib/stations/nowPlaying/splitSongTitle';

describe('NowPlaying', () => {
	let clock: number;
	let nowPlaying: NowPlaying;
	let changes: [NowPlayingTitle, NowPlayingTitle | null][];

	beforeEach(() => {
		clock = Date.UTC(2026, 0, 1, 12);
		nowPlaying = new NowPlaying({ now: () => new Date(clock) });
		changes = [];
		nowPlaying.on('change', (current: NowPlayingTitle, previous: NowPlayingTitle | null) => changes.push([current, previous]));
	});

	it('GIVEN no title yet WHEN an "Artist - Song" title arrives THEN it is current, split, timestamped and announced', () => {
		expect(nowPlaying.current).to.equal(null);
		expect(nowPlaying.update('AC/DC - Back In Black - Live', 'icy')).to.equal(true);
		const expected = {
			title: 'AC/DC - Back In Black - Live',
			artist: 'AC/DC',
			song: 'Back In Black - Live',
			since: new Date(clock),
			source: 'icy'
		};
		expect(nowPlaying.current).to.deep.equal(expected);
		expect(changes).to.deep.equal([[expected, null]]);
	});

	it('GIVEN a current title WHEN the same title repeats (from either source, with extra spaces) THEN nothing changes and since is kept', () => {
		nowPlaying.update('Artist - Song', 'icy');
		const firstSeen = new Date(clock);
		clock += 60_000;
		expect(nowPlaying.update('Artist - Song', 'icy')).to.equal(false);
		expect(nowPlaying.update('  Artist  -  Song\n', 'ffmpeg')).to.equal(false);
		expect(changes).to.have.length(1);
		expect(nowPlaying.current).to.include({ source: 'icy' });
		expect(nowPlaying.current!.since).to.deep.equal(firstSeen);
	});

	it('GIVEN a current title WHEN an empty or blank title arrives THEN it is ignored', () => {
		nowPlaying.update('Artist - Song', 'icy');
		expect(nowPlaying.update('', 'icy')).to.equal(false);
		expect(nowPlaying.update(' \0 ', 'icy')).to.equal(false);
		expect(nowPlaying.current?.title).to.equal('Artist - Song');
		expect(changes).to.have.length(1);
	});

	it('GIVEN a title change WHEN announced THEN the previous title comes with it and since moves on', () => {
		nowPlaying.update('One - A', 'icy');
		clock += 1000;
		nowPlaying.update('Two - B', 'icy');
		expect(changes[1]![0]).to.include({ title: 'Two - B' });
		expect(changes[1]![0].since).to.deep.equal(new Date(clock));
		expect(changes[1]![1]).to.include({ title: 'One - A' });
	});

	it('GIVEN a title without " - " WHEN recorded THEN it has no artist or song', () => {
		nowPlaying.update('Station ID jingle', 'ffmpeg');
		expect(nowPlaying.current).to.not.have.property('artist');
		expect(nowPlaying.current).to.not.have.property('song');
		expect(splitSongTitle('Artist-Song')).to.deep.equal({});
		expect(splitSongTitle(' - Song')).to.deep.equal({});
	});

	it('GIVEN a huge title WHEN recorded THEN it is capped at 500 characters', () => {
		nowPlaying.update('a'.repeat(4000), 'icy');
		expect(nowPlaying.current!.title).to.have.length(500);
	});

	it('GIVEN a current title WHEN cleared THEN the same title counts as new again', () => {
		nowPlaying.update('Artist - Song', 'icy');
		nowPlaying.clear();
		expect(nowPlaying.current).to.equal(null);
		expect(nowPlaying.update('Artist - Song', 'icy')).to.equal(true);
	});
});
