import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { OggTitleReader } from '#lib/stations/nowPlaying/OggTitleReader';
import { ffmpeg, run, tone } from '#support/streamFixtures';

/** One Ogg page (CRC left 0: the reader does not check it) holding `packets`, the last one possibly continuing on the next page. */
function oggPage(serial: number, flags: number, packets: Buffer[], lastContinues = false): Buffer {
	const lacing: number[] = [];
	packets.forEach((packet, index) => {
		const full = Math.floor(packet.length / 255);
		for (let i = 0; i < full; i++) lacing.push(255);
		if (!(lastContinues && index === packets.length - 1)) lacing.push(packet.length % 255);
	});
	const header = Buffer.alloc(27);
	header.write('OggS', 0, 'latin1');
	header[5] = flags;
	header.writeUInt32LE(serial, 14);
	header[26] = lacing.length;
	return Buffer.concat([header, Buffer.from(lacing), ...packets]);
}

function commentPacket(magic: string, comments: string[], vendor = 'test'): Buffer {
	const parts = [Buffer.from(magic, 'latin1'), u32(vendor.length), Buffer.from(vendor), u32(comments.length)];
	for (const comment of comments) parts.push(u32(Buffer.byteLength(comment)), Buffer.from(comment));
	return Buffer.concat(parts);
}

function u32(value: number): Buffer {
	const buffer = Buffer.alloc(4);
	buffer.writeUInt32LE(value);
	return buffer;
}

/** Feeds `bytes` in chunks of random sizes (1 to 700 bytes), as a network delivers them. */
function readTitles(bytes: Buffer): string[] {
	const titles: string[] = [];
	const reader = new OggTitleReader((title) => titles.push(title));
	for (let offset = 0; offset < bytes.length;) {
		const size = 1 + Math.floor(Math.random() * 700);
		reader.push(bytes.subarray(offset, offset + size));
		offset += size;
	}
	return titles;
}

async function encodeSong(codec: 'opus' | 'vorbis', title: string, artist: string, serial: number): Promise<Buffer> {
	const codecArgs = codec === 'opus' ? ['-ar', '48000', '-c:a', 'libopus'] : ['-c:a', 'libvorbis'];
	const { stdout } = await run(
		ffmpeg,
		[
			...tone(1),
			...codecArgs,
			'-metadata',
			`title=${title}`,
			'-metadata',
			`artist=${artist}`,
			'-serial_offset',
			String(serial),
			'-f',
			'ogg',
			'pipe:1'
		],
		{ encoding: 'buffer', maxBuffer: 10 * 1024 * 1024 }
	);
	return stdout as unknown as Buffer;
}

describe('OggTitleReader (chained Ogg streams, as Icecast sends a new logical stream per song)', () => {
	for (const codec of ['opus', 'vorbis'] as const) {
		it(`GIVEN three chained ${codec} songs made by ffmpeg, joined mid-page WHEN read in random chunks THEN each song's title is announced in order`, async () => {
			const songs = await Promise.all([
				encodeSong(codec, 'First Song', 'Artist One', 1000),
				encodeSong(codec, 'Second Song', 'Artist Two', 2000),
				encodeSong(codec, 'Третья песня', 'Артист', 3000)
			]);
			// A listener joining mid-stream starts inside a page of the first song.
			const stream = Buffer.concat([songs[0]!.subarray(4000), songs[1]!, songs[2]!]);
			expect(readTitles(stream)).to.deep.equal(['Artist Two - Second Song', 'Артист - Третья песня']);
			expect(readTitles(Buffer.concat(songs))).to.deep.equal(['Artist One - First Song', 'Artist Two - Second Song', 'Артист - Третья песня']);
		});
	}

	it('GIVEN a comment header of 3 MiB (cover art) spread over many pages WHEN read THEN the title before the picture is found, and no more than 64 KiB is held', () => {
		const picture = `METADATA_BLOCK_PICTURE=${'A'.repeat(3 * 1024 * 1024)}`;
		const packet = commentPacket('OpusTags', ['TITLE=Big Art', 'ARTIST=Painter', picture]);
		const pages = [oggPage(7, 0x02, [Buffer.from('OpusHead\x01\x02\x00\x00\x80\xbb\x00\x00\x00\x00\x00', 'latin1')])];
		for (let offset = 0; offset < packet.length; offset += 255 * 200) {
			const part = packet.subarray(offset, offset + 255 * 200);
			const last = offset + 255 * 200 >= packet.length;
			pages.push(oggPage(7, offset === 0 ? 0 : 0x01, [part], !last));
		}
		const titles: string[] = [];
		const reader = new OggTitleReader((title) => titles.push(title));
		const before = process.memoryUsage().arrayBuffers;
		let peak = 0;
		for (const page of pages) {
			reader.push(page);
			peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
		}
		expect(titles).to.deep.equal(['Painter - Big Art']);
		// The pages were made before: what grows is the reader's own, at most its 64 KiB (and never the 3 MiB).
		expect(peak).to.be.lessThan(512 * 1024);
	});

	it('GIVEN comment lists that lie (huge vendor length, a count of 4 billion, lengths past the end, no "=") WHEN read THEN nothing is announced and nothing throws', () => {
		const lies = [
			Buffer.concat([Buffer.from('OpusTags'), u32(0xffffffff), Buffer.from('x')]),
			Buffer.concat([Buffer.from('OpusTags'), u32(0), u32(0xffffffff), u32(5), Buffer.from('TITLE')]),
			Buffer.concat([Buffer.from('OpusTags'), u32(0), u32(1), u32(0x7fffffff), Buffer.from('TITLE=x')]),
			commentPacket('OpusTags', ['TITLE', '=Nameless', 'TITLE=']),
			commentPacket('NotTags!', ['TITLE=Unknown codec'])
		];
		for (const [index, packet] of lies.entries()) {
			const stream = Buffer.concat([oggPage(index, 0x02, [Buffer.from('OpusHead')]), oggPage(index, 0, [packet])]);
			expect(readTitles(stream), `lie ${index}`).to.deep.equal([]);
		}
	});

	it('GIVEN 5 MiB of random bytes, then a real song WHEN read THEN the noise is skipped and the song is still announced', async () => {
		const song = await encodeSong('opus', 'After Noise', 'Static', 42);
		expect(readTitles(Buffer.concat([randomBytes(5 * 1024 * 1024), song]))).to.deep.equal(['Static - After Noise']);
	});

	it('GIVEN 1,000 streams that begin and never send comments WHEN a real song follows THEN its title is still announced', () => {
		const beginnings = Array.from({ length: 1_000 }, (_, serial) => oggPage(serial, 0x02, [Buffer.from('OpusHead')]));
		const song = [oggPage(5000, 0x02, [Buffer.from('OpusHead')]), oggPage(5000, 0, [commentPacket('OpusTags', ['TITLE=Finally'])])];
		expect(readTitles(Buffer.concat([...beginnings, ...song]))).to.deep.equal(['Finally']);
	});

	it('GIVEN a FLAC-in-Ogg comment block and a Vorbis comment header WHEN read THEN both titles are found', () => {
		const flacBlock = commentPacket('', ['TITLE=Lossless']);
		const flac = Buffer.concat([Buffer.from([0x84, 0, 0, flacBlock.length]), flacBlock]);
		const stream = Buffer.concat([
			oggPage(1, 0x02, [Buffer.from('\x7fFLAC', 'latin1')]),
			oggPage(1, 0, [flac]),
			oggPage(2, 0x02, [Buffer.from('\x01vorbis', 'latin1')]),
			oggPage(2, 0, [commentPacket('\x03vorbis', ['ARTIST=Band', 'TITLE=Lossy'])])
		]);
		expect(readTitles(stream)).to.deep.equal(['Lossless', 'Band - Lossy']);
	});
});
