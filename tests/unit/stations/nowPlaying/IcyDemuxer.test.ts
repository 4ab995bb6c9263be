import { expect } from 'chai';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IcyDemuxer } from '#lib/stations/nowPlaying/IcyDemuxer';
import { maxIcyMetaint } from '#lib/stations/nowPlaying/icyMetaint';
import { type IcyMetadata } from '#lib/stations/nowPlaying/parseIcyMetadata';
import { chunk, icyBlock, icyBody } from './icyStream.js';

interface Demuxed {
	audio: Buffer;
	metadata: IcyMetadata[];
}

async function demux(metaint: number | string | undefined, chunks: readonly Buffer[]): Promise<Demuxed> {
	const demuxer = new IcyDemuxer(metaint);
	const metadata: IcyMetadata[] = [];
	const audio: Buffer[] = [];
	demuxer.on('metadata', (block: IcyMetadata) => metadata.push(block));
	demuxer.on('data', (data: Buffer) => audio.push(data));
	await pipeline(Readable.from(chunks), demuxer);
	return { audio: Buffer.concat(audio), metadata };
}

describe('IcyDemuxer (byte level)', () => {
	const metaint = 64;
	const blocks = [
		icyBlock("StreamTitle='First Artist - First Song';StreamUrl='http://example.com/';"),
		Buffer.from([0]),
		icyBlock("StreamTitle='Guns N' Roses - Paradise City';StreamUrl='';"),
		Buffer.from([0]),
		icyBlock("StreamTitle='';")
	];
	const { body, audio } = icyBody(metaint, blocks);
	const expectedTitles = ['First Artist - First Song', "Guns N' Roses - Paradise City", ''];

	for (const sizes of [[1], [2, 3, 5, 7], [metaint], [metaint + 1], [17, 1, 1, 300], [body.length]]) {
		it(`GIVEN an ICY body with titles and empty blocks WHEN fed in chunks of ${sizes.join('/')} bytes THEN only audio comes out and every title arrives`, async () => {
			const result = await demux(metaint, chunk(body, sizes));
			expect(result.audio.equals(audio)).to.equal(true, `audio differs (${result.audio.length} bytes out, ${audio.length} expected)`);
			expect(result.metadata.map((block) => block.streamTitle)).to.deep.equal(expectedTitles);
		});
	}

	it('GIVEN a block with StreamUrl WHEN it is demuxed THEN the fields, URL and raw text are reported without NUL padding', async () => {
		const { metadata } = await demux(metaint, [icyBody(metaint, [blocks[0]!]).body]);
		expect(metadata).to.have.length(1);
		expect(metadata[0]).to.deep.equal({
			streamTitle: 'First Artist - First Song',
			streamUrl: 'http://example.com/',
			fields: { StreamTitle: 'First Artist - First Song', StreamUrl: 'http://example.com/' },
			raw: "StreamTitle='First Artist - First Song';StreamUrl='http://example.com/';"
		});
	});

	it('GIVEN the largest block a length byte allows (255 × 16 bytes) WHEN split across chunks THEN its title arrives whole', async () => {
		const title = 'x'.repeat(255 * 16 - "StreamTitle='';".length);
		const block = icyBlock(`StreamTitle='${title}';`);
		expect(block[0]).to.equal(255);
		const { body: longBody, audio: longAudio } = icyBody(metaint, [block]);
		const result = await demux(metaint, chunk(longBody, [1000]));
		expect(result.metadata.map((metadata) => metadata.streamTitle)).to.deep.equal([title]);
		expect(result.audio.equals(longAudio)).to.equal(true);
	});

	it('GIVEN the icy-metaint header as a string WHEN demuxing THEN it is used like the number', async () => {
		const result = await demux(String(metaint), chunk(body, [10]));
		expect(result.audio.equals(audio)).to.equal(true);
	});

	it('GIVEN the icy-metaint header sent twice (joined "64, 64") WHEN demuxing THEN the first value is used', async () => {
		const result = await demux(`${metaint}, ${metaint}`, chunk(body, [10]));
		expect(result.audio.equals(audio)).to.equal(true);
		expect(result.metadata).to.have.length.greaterThan(0);
	});

	for (const absent of [0, undefined, '']) {
		it(`GIVEN metaint ${JSON.stringify(absent)} WHEN bytes flow THEN they pass through unchanged and no metadata is emitted`, async () => {
			const result = await demux(absent, chunk(body, [7]));
			expect(result.audio.equals(body)).to.equal(true);
			expect(result.metadata).to.deep.equal([]);
		});
	}

	for (const invalid of [maxIcyMetaint + 1, '1e6', '-5', 'abc', 1.5]) {
		it(`GIVEN metaint ${JSON.stringify(invalid)} WHEN constructing THEN it is rejected`, () => {
			expect(() => new IcyDemuxer(invalid)).to.throw(RangeError);
		});
	}

	it('GIVEN metaint at the 256 KiB limit WHEN constructing THEN it is accepted', () => {
		expect(new IcyDemuxer(maxIcyMetaint).metaint).to.equal(maxIcyMetaint);
	});
});
