import { expect } from 'chai';
import { parseIcyMetadata } from '#lib/stations/nowPlaying/parseIcyMetadata';

function padded(text: Buffer | string, size = 64): Buffer {
	const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
	return Buffer.concat([bytes, Buffer.alloc(size - bytes.length)]);
}

describe('parseIcyMetadata', () => {
	it('GIVEN a title with an apostrophe and a StreamUrl WHEN parsed THEN the title keeps its quote', () => {
		const metadata = parseIcyMetadata(padded("StreamTitle='Guns N' Roses - Paradise City';StreamUrl='';"));
		expect(metadata.streamTitle).to.equal("Guns N' Roses - Paradise City");
		expect(metadata.streamUrl).to.equal('');
	});

	it("GIVEN a title containing '; inside WHEN parsed THEN the title runs to the last field end", () => {
		expect(parseIcyMetadata(padded("StreamTitle='Rock 'n' Roll';Part 2';")).streamTitle).to.equal("Rock 'n' Roll';Part 2");
	});

	it('GIVEN a title ending in a quote WHEN parsed THEN the quote is kept', () => {
		expect(parseIcyMetadata(padded("StreamTitle='The 'Quoted'';")).streamTitle).to.equal("The 'Quoted'");
	});

	it('GIVEN no final semicolon WHEN parsed THEN the title is still read', () => {
		expect(parseIcyMetadata(padded("StreamTitle='Artist - Song'")).streamTitle).to.equal('Artist - Song');
	});

	it('GIVEN UTF-8 text WHEN parsed THEN it decodes as UTF-8', () => {
		expect(parseIcyMetadata(padded("StreamTitle='Björk - Jóga 🎵';")).streamTitle).to.equal('Björk - Jóga 🎵');
	});

	it('GIVEN Latin-1 text (invalid UTF-8) WHEN parsed THEN it decodes as Latin-1', () => {
		const latin1 = Buffer.from("StreamTitle='Björk - Jóga, Motörhead';", 'latin1');
		expect(parseIcyMetadata(padded(latin1)).streamTitle).to.equal('Björk - Jóga, Motörhead');
	});

	it('GIVEN an empty title WHEN parsed THEN the title is the empty string', () => {
		expect(parseIcyMetadata(padded("StreamTitle='';")).streamTitle).to.equal('');
	});

	it('GIVEN garbage after the NUL padding WHEN parsed THEN it is ignored', () => {
		const payload = Buffer.concat([Buffer.from("StreamTitle='A - B';\0\0"), Buffer.from("StreamTitle='junk';")]);
		const metadata = parseIcyMetadata(payload);
		expect(metadata.streamTitle).to.equal('A - B');
		expect(metadata.raw).to.equal("StreamTitle='A - B';");
	});

	it('GIVEN a block without StreamTitle WHEN parsed THEN streamTitle is undefined and other fields are kept', () => {
		const metadata = parseIcyMetadata(padded("StreamUrl='http://x/';"));
		expect(metadata.streamTitle).to.equal(undefined);
		expect(metadata.fields).to.deep.equal({ StreamUrl: 'http://x/' });
	});
});
