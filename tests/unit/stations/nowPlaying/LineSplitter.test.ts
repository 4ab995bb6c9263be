import { expect } from 'chai';
import { LineSplitter, maxLineLength } from '#lib/stations/nowPlaying/LineSplitter';

function splitAll(chunks: readonly (Buffer | string)[]): string[] {
	const splitter = new LineSplitter();
	return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

describe('LineSplitter', () => {
	it('GIVEN lines split anywhere across chunks WHEN split THEN whole lines come out', () => {
		expect(splitAll(['Input #0, og', 'g:\n  Meta', 'data:\n', '    title : X\n'])).to.deep.equal([
			'Input #0, ogg:',
			'  Metadata:',
			'    title : X'
		]);
	});

	it('GIVEN \\r\\n split between two chunks WHEN split THEN it is one line break, not an empty line', () => {
		expect(splitAll(['one\r', '\ntwo\r\n'])).to.deep.equal(['one', 'two']);
	});

	it('GIVEN progress lines ending in a lone \\r WHEN split THEN each is a line', () => {
		expect(splitAll(['size=1 time=1\rsize=2 time=2\r', 'video:0kB\n'])).to.deep.equal(['size=1 time=1', 'size=2 time=2', 'video:0kB']);
	});

	it('GIVEN a UTF-8 character split across chunks WHEN split THEN it decodes whole', () => {
		const bytes = Buffer.from('title : Björk 🎵\n', 'utf8');
		const cut = bytes.indexOf(0xf0) + 2;
		expect(splitAll([bytes.subarray(0, cut), bytes.subarray(cut)])).to.deep.equal(['title : Björk 🎵']);
	});

	it('GIVEN output without a final line break WHEN ended THEN the last line is returned', () => {
		expect(splitAll(['a\nb'])).to.deep.equal(['a', 'b']);
		expect(splitAll(['a\r'])).to.deep.equal(['a']);
	});

	it('GIVEN a runaway line WHEN split THEN it is cut so the buffer stays bounded', () => {
		const splitter = new LineSplitter();
		const lines = splitter.push('x'.repeat(maxLineLength + 10));
		expect(lines).to.deep.equal(['x'.repeat(maxLineLength)]);
		expect(splitter.end()).to.deep.equal(['x'.repeat(10)]);
	});
});
