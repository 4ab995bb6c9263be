import { expect } from 'chai';
import { FfmpegMetadataReader, type FfmpegInputMetadata } from '#lib/stations/nowPlaying/FfmpegMetadataReader';
import { parseFfmpegMetadataLine } from '#lib/stations/nowPlaying/parseFfmpegMetadataLine';
import { titleFromFfmpegMetadata } from '#lib/stations/nowPlaying/titleFromFfmpegMetadata';

function read(lines: readonly string[]): FfmpegInputMetadata[] {
	const reader = new FfmpegMetadataReader();
	const inputs: FfmpegInputMetadata[] = [];
	for (const line of lines) {
		const input = reader.push(line);
		if (input) inputs.push(input);
	}
	const last = reader.end();
	if (last) inputs.push(last);
	return inputs;
}

describe('FfmpegMetadataReader and friends', () => {
	it('GIVEN metadata lines as ffmpeg prints them WHEN parsed THEN indent, key and value are split, values keep their colons', () => {
		expect(parseFfmpegMetadataLine('    StreamTitle     : Artist - Song: Live')).to.deep.equal({
			indent: 4,
			key: 'StreamTitle',
			value: 'Artist - Song: Live'
		});
		expect(parseFfmpegMetadataLine('      icy-description : Sine tone')).to.deep.equal({ indent: 6, key: 'icy-description', value: 'Sine tone' });
		expect(parseFfmpegMetadataLine('      title           :')).to.deep.equal({ indent: 6, key: 'title', value: '' });
		expect(parseFfmpegMetadataLine('                        : second line')).to.deep.equal({ indent: 24, key: '', value: 'second line' });
		expect(parseFfmpegMetadataLine('Stream mapping:')).to.equal(null);
	});

	it('GIVEN an input with a multi-line value and upper-case Vorbis keys WHEN read THEN the value keeps its lines and the title is found', () => {
		const inputs = read([
			"Input #0, ogg, from 'x.ogg':",
			'  Duration: 00:00:02.00, start: 0.000000, bitrate: 28 kb/s',
			'  Stream #0:0: Audio: vorbis, 44100 Hz, mono, fltp, 80 kb/s',
			'    Metadata:',
			'      TITLE           : Song',
			'      COMMENT         : line one',
			'                      : line two',
			'      ARTIST          : Band',
			'Stream mapping:'
		]);
		expect(inputs).to.have.length(1);
		expect(inputs[0]!.fields).to.deep.equal({ TITLE: 'Song', COMMENT: 'line one\nline two', ARTIST: 'Band' });
		expect(inputs[0]!.title).to.equal('Band - Song');
	});

	it('GIVEN lines outside any Input section (Output tags, stats, banner) WHEN read THEN nothing is reported', () => {
		const inputs = read([
			'  libavutil      57. 28.100 / 57. 28.100',
			"Output #0, null, to 'pipe:':",
			'  Metadata:',
			'    title           : Not An Input',
			'size=N/A time=00:00:01.00 bitrate=N/A speed= 475x'
		]);
		expect(inputs).to.deep.equal([]);
	});

	it('GIVEN stderr that ends inside an Input section WHEN the reader ends THEN that input is still reported', () => {
		expect(read(["Input #0, mp3, from 'x':", '  Metadata:', '    title           : Only Title']).map((input) => input.title)).to.deep.equal([
			'Only Title'
		]);
	});

	it('GIVEN metadata with StreamTitle and tags WHEN choosing a title THEN StreamTitle wins, then Artist - Title, then Title, else null', () => {
		expect(titleFromFfmpegMetadata({ title: 'Tag', artist: 'A', StreamTitle: 'Live - Now' })).to.equal('Live - Now');
		expect(titleFromFfmpegMetadata({ title: 'Tag', artist: 'A', StreamTitle: ' ' })).to.equal('A - Tag');
		expect(titleFromFfmpegMetadata({ title: 'Tag' })).to.equal('Tag');
		expect(titleFromFfmpegMetadata({ artist: 'Only Artist', encoder: 'Lavf' })).to.equal(null);
	});
});
