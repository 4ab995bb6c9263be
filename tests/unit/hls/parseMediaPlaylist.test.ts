import { expect } from 'chai';
import { parseMediaPlaylist } from '#lib/stations/hls/parseMediaPlaylist';

describe('parseMediaPlaylist', () => {
	it('GIVEN a live playlist with a media sequence WHEN parsed THEN segments carry their sequence numbers and absolute URLs', () => {
		const playlist = parseMediaPlaylist(
			'#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:41\n#EXTINF:6.0,\na.ts\n#EXTINF:5.5,\nhttps://cdn.example/b.ts\n',
			'https://radio.example/live/media.m3u8'
		);
		expect(playlist).to.deep.equal({
			targetDuration: 6,
			ended: false,
			segments: [
				{ sequence: 41, url: 'https://radio.example/live/a.ts', duration: 6, encryption: 'NONE' },
				{ sequence: 42, url: 'https://cdn.example/b.ts', duration: 5.5, encryption: 'NONE' }
			]
		});
	});

	it('GIVEN keys, a map and byte ranges WHEN parsed THEN each segment knows its encryption, its init section and its range', () => {
		const { segments, ended } = parseMediaPlaylist(
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
		expect(ended).to.equal(true);
		expect(segments.map((segment) => [segment.byteRange, segment.encryption, segment.init])).to.deep.equal([
			[{ length: 1000, offset: 700 }, 'NONE', init],
			[{ length: 500, offset: 1700 }, 'NONE', init],
			[undefined, 'AES-128', init]
		]);
	});
});
