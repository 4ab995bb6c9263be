import { expect } from 'chai';
import { chooseHlsVariants } from '#lib/stations/resolve/chooseHlsVariants';
import { classifyText } from '#lib/stations/resolve/classifyText';
import type { HlsVariant } from '#lib/stations/hls/parseHlsPlaylist';
import { parseM3u, parsePls } from '#lib/stations/resolve/parsePlaylist';

const text = (value: string) => Buffer.from(value, 'utf8');

describe('playlist parsing', () => {
	it('GIVEN a PLS with entries out of order and odd spacing WHEN parsing THEN URLs come in entry-number order', () => {
		const pls = '[playlist]\r\nFile2 = http://b/\r\nTitle1=A\r\nfile1=http://a/\r\nFile10=http://j/\r\nNumberOfEntries=3\r\n';
		expect(parsePls(pls)).to.deep.equal(['http://a/', 'http://b/', 'http://j/']);
	});

	it('GIVEN an M3U with a BOM, comments and blank lines WHEN parsing THEN only the entries remain', () => {
		expect(parseM3u('\uFEFF#EXTM3U\n\n#EXTINF:-1,Radio\nhttp://a/stream\n  relative.mp3  \n')).to.deep.equal(['http://a/stream', 'relative.mp3']);
	});

	it('GIVEN bodies of each kind WHEN classifying THEN PLS, M3U, HLS and markup are told apart', () => {
		expect(classifyText(text('  [Playlist]\nFile1=x'), false)).to.equal('pls');
		expect(classifyText(text('#EXTM3U\n#EXTINF:-1,x\nhttp://a/'), false)).to.equal('m3u');
		expect(classifyText(text('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts'), false)).to.equal('hls');
		expect(classifyText(text('<?xml version="1.0"?><playlist/>'), false)).to.equal('markup');
		expect(classifyText(text('http://a/one\nhttps://b/two\n'), false)).to.equal('m3u');
	});

	it('GIVEN a bare list of relative paths WHEN classifying THEN it is M3U only when the URL or type says playlist', () => {
		expect(classifyText(text('stream.mp3\n'), true)).to.equal('m3u');
		expect(classifyText(text('stream.mp3\n'), false)).to.equal(null);
		expect(classifyText(text('Sorry, we moved.\n'), true)).to.equal(null);
	});
});

describe('chooseHlsVariants', () => {
	const variant = (uri: string, bandwidth: number, codecs: string[], extra: Partial<HlsVariant> = {}): HlsVariant => ({
		uri,
		bandwidth,
		codecs,
		audioGroup: undefined,
		hasResolution: false,
		...extra
	});

	it('GIVEN audio-only and audio+video variants WHEN choosing THEN audio-only come first, then those with an audio codec', () => {
		const order = chooseHlsVariants(
			[
				variant('video-only', 100_000, ['avc1.4d401e'], { hasResolution: true }),
				variant('av', 500_000, ['avc1.4d401e', 'mp4a.40.2'], { hasResolution: true }),
				variant('opus', 900_000, ['opus'])
			],
			[]
		);
		expect(order).to.deep.equal(['opus', 'av', 'video-only']);
	});

	it('GIVEN audio variants around the 64 kbps floor WHEN choosing THEN the lowest at or above it wins, then the rest upward, then those below from the top', () => {
		const order = chooseHlsVariants(
			[
				variant('32k', 32_000, ['mp4a.40.5']),
				variant('256k', 256_000, ['mp4a.40.2']),
				variant('64k', 64_000, ['mp4a.40.2']),
				variant('48k', 48_000, ['mp4a.40.5'])
			],
			[]
		);
		expect(order).to.deep.equal(['64k', '256k', '48k', '32k']);
	});

	it('GIVEN variants whose audio lives in a rendition group WHEN choosing THEN the default rendition playlist is used, once', () => {
		const order = chooseHlsVariants(
			[
				variant('v720', 3_000_000, ['avc1.64001f', 'mp4a.40.2'], { audioGroup: 'aud', hasResolution: true }),
				variant('v360', 800_000, ['avc1.4d401e', 'mp4a.40.2'], { audioGroup: 'aud', hasResolution: true })
			],
			[
				{ groupId: 'aud', uri: 'audio/fr.m3u8', isDefault: false },
				{ groupId: 'aud', uri: 'audio/en.m3u8', isDefault: true }
			]
		);
		expect(order).to.deep.equal(['audio/en.m3u8']);
	});
});
