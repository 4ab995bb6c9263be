import { expect } from 'chai';
import { parseHlsPlaylist } from '#lib/stations/hls/parseHlsPlaylist';

describe('parseHlsPlaylist', () => {
	it('GIVEN a live playlist with a media sequence WHEN parsed THEN segments carry their sequence numbers and absolute URLs', () => {
		const playlist = parseHlsPlaylist(
			'#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:41\n#EXTINF:6.0,\na.ts\n#EXTINF:5.5,\nhttps://cdn.example/b.ts\n',
			'https://radio.example/live/media.m3u8'
		);
		expect(playlist).to.deep.equal({
			type: 'media',
			targetDuration: 6,
			ended: false,
			segments: [
				{ sequence: 41, url: 'https://radio.example/live/a.ts', duration: 6, encryption: 'NONE' },
				{ sequence: 42, url: 'https://cdn.example/b.ts', duration: 5.5, encryption: 'NONE' }
			]
		});
	});

	it('GIVEN keys, a map and byte ranges WHEN parsed THEN each segment knows its encryption, its init section and its range', () => {
		const parsed = parseHlsPlaylist(
			[
				'#EXTM3U',
				'#EXT-X-MAP:URI="init.mp4",BYTERANGE="700@0"',
				'#EXT-X-BYTERANGE:1000@700',
				'#EXTINF:2,',
				'all.mp4',
				'#EXT-X-BYTERANGE:500',
				'#EXTINF:2,',
				'all.mp4',
				'#EXT-X-KEY:METHOD=AES-128,URI="k"',
				'#EXTINF:2,',
				'c.m4s',
				'#EXT-X-ENDLIST'
			].join('\n'),
			'http://radio.example/hls/x.m3u8'
		);
		const init = { url: 'http://radio.example/hls/init.mp4', byteRange: { length: 700, offset: 0 } };
		if (parsed.type !== 'media') expect.fail('a media playlist');
		const { segments, ended } = parsed;
		expect(ended).to.equal(true);
		expect(segments.map((segment) => [segment.byteRange, segment.encryption, segment.init])).to.deep.equal([
			[{ length: 1000, offset: 700 }, 'NONE', init],
			[{ length: 500, offset: 1700 }, 'NONE', init],
			[undefined, 'AES-128', init]
		]);
	});

	it('GIVEN an HLS master with quoted attributes WHEN parsing THEN variants and audio renditions are read', () => {
		const playlist = parseHlsPlaylist(
			[
				'#EXTM3U',
				'#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",DEFAULT=YES,URI="audio/en.m3u8"',
				'#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.4d401e,mp4a.40.2",RESOLUTION=640x360,AUDIO="aud"',
				'v360.m3u8'
			].join('\n'),
			'https://radio.example/master.m3u8'
		);
		expect(playlist).to.deep.equal({
			type: 'master',
			variants: [{ uri: 'v360.m3u8', bandwidth: 800_000, codecs: ['avc1.4d401e', 'mp4a.40.2'], audioGroup: 'aud', hasResolution: true }],
			audioRenditions: [{ groupId: 'aud', uri: 'audio/en.m3u8', isDefault: true }]
		});
	});

	it('GIVEN an HLS media playlist WHEN parsing THEN segments, durations, #EXTINF titles and the end are read', () => {
		expect(
			parseHlsPlaylist(
				'#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.5,\na.ts\n#EXTINF:2.0,title\nb.ts\n#EXT-X-ENDLIST\n',
				'https://radio.example/live/media.m3u8'
			)
		).to.deep.equal({
			type: 'media',
			targetDuration: 2,
			segments: [
				{ sequence: 0, url: 'https://radio.example/live/a.ts', duration: 1.5, encryption: 'NONE' },
				{ sequence: 1, url: 'https://radio.example/live/b.ts', duration: 2, encryption: 'NONE', title: 'title' }
			],
			ended: true
		});
	});

	it('GIVEN #EXTINF titles as text and as title/artist attributes WHEN parsing THEN each segment has its song title', () => {
		const playlist = parseHlsPlaylist(
			[
				'#EXTM3U',
				'#EXT-X-TARGETDURATION:10',
				'#EXTINF:10,Artist One - First Song',
				'a.ts',
				'#EXTINF:10.0,title="Second Song",artist="Artist Two",url="song_spot=\"M\""',
				'b.ts',
				'#EXTINF:10,title="Third Song"',
				'c.ts',
				'#EXTINF:10,   ',
				'd.ts'
			].join('\n'),
			'https://radio.example/live/media.m3u8'
		);
		expect(playlist.type === 'media' && playlist.segments.map((segment) => segment.title)).to.deep.equal([
			'Artist One - First Song',
			'Artist Two - Second Song',
			'Third Song',
			undefined
		]);
	});
});
