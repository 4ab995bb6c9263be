import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { HlsTitleReader } from '#lib/stations/hls/HlsTitleReader';
import { MpegTsId3Reader } from '#lib/stations/hls/MpegTsId3Reader';
import type { LiveSegment } from '#lib/stations/hls/parseHlsPlaylist';
import { id3Title } from '#lib/stations/nowPlaying/id3Title';
import { id3Tag, textFrame, tsWithId3 } from '#support/id3';

const segment = (title?: string): LiveSegment => ({
	sequence: 0,
	url: 'https://radio.example/a.ts',
	duration: 1,
	encryption: 'NONE',
	...(title && { title })
});

function titlesOf(segments: { segment: LiveSegment; bytes: Buffer }[]): string[] {
	const titles: string[] = [];
	const reader = new HlsTitleReader((title) => titles.push(title));
	for (const { segment: each, bytes } of segments) {
		reader.startSegment(each);
		for (let offset = 0; offset < bytes.length; offset += 100) reader.push(bytes.subarray(offset, offset + 100));
	}
	return titles;
}

describe('HLS titles: ID3 tags, MPEG-TS timed metadata, #EXTINF', () => {
	describe('id3Title', () => {
		it('GIVEN ID3v2.3 and v2.4 tags in Latin-1, UTF-8 and UTF-16 WHEN read THEN the title is "artist - title"', () => {
			expect(id3Title(id3Tag(3, [textFrame(3, 'TIT2', 'Café', 0), textFrame(3, 'TPE1', 'Zoë', 0)]))).to.equal('Zoë - Café');
			expect(id3Title(id3Tag(4, [textFrame(4, 'TPE1', 'Артист', 3), textFrame(4, 'TIT2', 'Песня', 3)]))).to.equal('Артист - Песня');
			expect(id3Title(id3Tag(3, [textFrame(3, 'TIT2', '歌の題名', 1)]))).to.equal('歌の題名');
			expect(id3Title(id3Tag(4, [textFrame(4, 'TIT2', 'Big Endian', 2)]))).to.equal('Big Endian');
			expect(id3Title(id3Tag(2, [textFrame(2, 'TT2', 'Old Tag', 0), textFrame(2, 'TP1', 'Old Artist', 0)]))).to.equal('Old Artist - Old Tag');
		});

		it('GIVEN tags that lie (frame sizes past the end, a size of 2^28, bad ids, unknown encodings, no title) WHEN read THEN null, never a throw', () => {
			const overlong = id3Tag(3, [textFrame(3, 'TIT2', 'Short', 0)]);
			overlong.writeUInt32BE(0x0fffffff, 14);
			const hugeTag = id3Tag(4, [textFrame(4, 'TIT2', 'x', 3)]);
			hugeTag.set([0x7f, 0x7f, 0x7f, 0x7f], 6);
			const badEncoding = id3Tag(3, [textFrame(3, 'TIT2', 'x', 0)]);
			badEncoding[20] = 9;
			for (const tag of [overlong, badEncoding, id3Tag(3, [textFrame(3, 'TALB', 'Album only', 0)]), Buffer.from('ID3'), randomBytes(1000)]) {
				expect(id3Title(tag)).to.equal(null);
			}
			// A tag that claims more than it holds is read as far as it goes.
			expect(id3Title(hugeTag)).to.equal('x');
		});

		it('GIVEN a tag with unsynchronisation WHEN read THEN the 0xFF 0x00 pairs are undone', () => {
			const tag = id3Tag(3, [textFrame(3, 'TIT2', 'ÿ Song', 0)]);
			const at = tag.indexOf(0xff, 10);
			const unsynchronised = Buffer.concat([tag.subarray(0, at + 1), Buffer.from([0]), tag.subarray(at + 1)]);
			unsynchronised[5] = 0x80;
			unsynchronised.set(syncsafe(unsynchronised.length - 10), 6);
			expect(id3Title(unsynchronised)).to.equal('ÿ Song');
		});
	});

	describe('MpegTsId3Reader', () => {
		it('GIVEN MPEG-TS with a timed metadata stream whose ID3 tag spans packets WHEN read in 100-byte chunks THEN the tag is found', () => {
			const tags: Buffer[] = [];
			const reader = new MpegTsId3Reader((tag) => tags.push(tag));
			const long = 'L'.repeat(400);
			const ts = tsWithId3(id3Tag(4, [textFrame(4, 'TIT2', long, 3)]));
			for (let offset = 0; offset < ts.length; offset += 100) reader.push(ts.subarray(offset, offset + 100));
			reader.end();
			expect(tags.map((tag) => id3Title(tag))).to.deep.equal([long]);
		});

		it('GIVEN a metadata PES of 1 MiB, or random bytes WHEN read THEN nothing is announced: the tag is dropped once past 64 KiB', () => {
			const tags: Buffer[] = [];
			const reader = new MpegTsId3Reader((tag) => tags.push(tag));
			reader.push(tsWithId3(Buffer.alloc(1024 * 1024, 0x41)));
			reader.push(randomBytes(188 * 1000));
			reader.end();
			expect(tags).to.deep.equal([]);
		});
	});

	describe('HlsTitleReader', () => {
		it('GIVEN segments with #EXTINF titles, packed AAC with an ID3 tag and MPEG-TS with timed ID3 WHEN read THEN every title is announced in order', () => {
			const packed = Buffer.concat([id3Tag(4, [textFrame(4, 'TIT2', 'Packed Song', 3), textFrame(4, 'TPE1', 'Packer', 3)]), randomBytes(3000)]);
			const titles = titlesOf([
				{ segment: segment('Playlist Artist - Listed Song'), bytes: randomBytes(1000) },
				{ segment: segment(), bytes: packed },
				{ segment: segment(), bytes: tsWithId3(id3Tag(3, [textFrame(3, 'TIT2', 'Timed Song', 0)])) }
			]);
			expect(titles).to.deep.equal(['Playlist Artist - Listed Song', 'Packer - Packed Song', 'Timed Song']);
		});

		it('GIVEN packed audio whose ID3 tag claims 200 MiB WHEN read THEN it is skipped without being collected', () => {
			const tag = id3Tag(4, [textFrame(4, 'TIT2', 'Too Big', 3)]);
			tag.set([0x7f, 0x7f, 0x7f, 0x7f], 6);
			expect(titlesOf([{ segment: segment(), bytes: Buffer.concat([tag, randomBytes(100_000)]) }])).to.deep.equal([]);
		});
	});
});

function syncsafe(value: number): number[] {
	return [(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f];
}
