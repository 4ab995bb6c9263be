import { expect } from 'chai';
import { encodeIcyMetadata, IcyDemuxer, IcyInterleaver, parseIcyMetadata } from '#support/index';

describe('ICY metadata blocks', () => {
	it('GIVEN a title WHEN encoded THEN the length byte counts 16-byte units and the text is NUL-padded', () => {
		const block = encodeIcyMetadata('Artist - Song');
		const text = "StreamTitle='Artist - Song';";
		expect(block[0]).to.equal(Math.ceil(text.length / 16));
		expect(block.length).to.equal(1 + block[0] * 16);
		expect(block.subarray(1, 1 + text.length).toString()).to.equal(text);
		expect([...block.subarray(1 + text.length)].every((byte) => byte === 0)).to.equal(true);
	});

	it('GIVEN no change WHEN encoded THEN the block is the single byte 0', () => {
		expect([...encodeIcyMetadata(undefined)]).to.deep.equal([0]);
	});

	it('GIVEN a title longer than 255 units WHEN encoded THEN it is cut to fit the length byte', () => {
		expect(encodeIcyMetadata('x'.repeat(5000)).length).to.equal(1 + 255 * 16);
	});

	it('GIVEN a title containing quotes and semicolons WHEN parsed THEN it comes back whole', () => {
		const block = encodeIcyMetadata("Guns N' Roses - Don't Cry; live");
		expect(parseIcyMetadata(block.subarray(1)).StreamTitle).to.equal("Guns N' Roses - Don't Cry; live");
	});

	it('GIVEN interleaved audio split into odd chunks WHEN demuxed THEN audio and titles come back unchanged', () => {
		let title = 'First';
		const interleaver = new IcyInterleaver(100, () => title, false);
		const audio = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 251));
		const wire: Buffer[] = [];
		for (let offset = 0; offset < audio.length; offset += 37) {
			if (offset > 500) title = 'Second';
			wire.push(...interleaver.interleave(audio.subarray(offset, offset + 37)));
		}
		const bytes = Buffer.concat(wire);
		const demuxer = new IcyDemuxer(100);
		for (let offset = 0; offset < bytes.length; offset += 13) demuxer.push(bytes.subarray(offset, offset + 13));
		expect(demuxer.audio().equals(audio)).to.equal(true);
		expect(demuxer.blocks).to.equal(10);
		// Icecast style: the title only when it changes, empty blocks otherwise.
		expect(demuxer.titles).to.deep.equal(['First', 'Second']);
	});
});
