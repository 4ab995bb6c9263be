import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStation } from '#support/index';
import { ffmpeg, killAll, playWithFfmpeg } from './ffmpegProcess.js';

// Real ffmpeg stderr of generated files, read the way the voice pipeline reads it (watchFfmpegMetadata).
describe('ffmpeg metadata on real ffmpeg output', () => {
	let directory: string;
	const file = (name: string): string => join(directory, name);
	const tone = (seconds: number, frequency = 440): string[] => ['-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`];

	before(async () => {
		directory = await mkdtemp(join(tmpdir(), 'alastor-now-playing-'));
		await Promise.all([
			ffmpeg([...tone(1), '-c:a', 'libvorbis', '-metadata', 'title=First Song', '-metadata', 'artist=First Artist', file('first.ogg')]),
			ffmpeg([...tone(1, 880), '-c:a', 'libvorbis', '-metadata', 'title=Second Song', '-metadata', 'artist=Second Artist', file('second.ogg')])
		]);
		await Promise.all([
			ffmpeg([...tone(1), '-c:a', 'libopus', '-metadata', 'title=Opus Song', '-metadata', 'artist=Opus Artist', file('song.opus')]),
			ffmpeg([...tone(1), '-c:a', 'libmp3lame', '-metadata', 'title=Mp3 Song', '-metadata', 'artist=Mp3 Artist', file('song.mp3')])
		]);
		// Two Ogg files back to back make a chained Ogg stream, as an Icecast Ogg mount sends when the song changes.
		await writeFile(file('chained.ogg'), Buffer.concat([await readFile(file('first.ogg')), await readFile(file('second.ogg'))]));
		// HLS with packed-audio segments (ADTS AAC), each starting with its own ID3 tag, as radio HLS streams carry titles.
		for (const index of [0, 1]) {
			const tags = ['-metadata', `title=Segment Song ${index}`, '-metadata', `artist=Segment Artist ${index}`];
			await ffmpeg([...tone(2), '-c:a', 'aac', '-b:a', '64k', ...tags, '-f', 'adts', '-write_id3v2', '1', file(`segment${index}.aac`)]);
		}
		const playlist = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:0'];
		for (const index of [0, 1]) playlist.push('#EXTINF:2.0,', `segment${index}.aac`);
		await writeFile(file('audio.m3u8'), `${[...playlist, '#EXT-X-ENDLIST'].join('\n')}\n`);
	});

	after(async () => {
		await rm(directory, { recursive: true, force: true });
	});

	afterEach(async () => {
		await killAll();
	});

	it('GIVEN an Ogg Vorbis file with title and artist comments WHEN ffmpeg plays it THEN the title is "Artist - Song", read once (not again from the Output section)', async () => {
		const run = await playWithFfmpeg(file('first.ogg'));
		expect(run.code).to.equal(0);
		// The Output section repeats the tags: the reader must not report them as a second input.
		expect(run.stderr).to.match(/Output #0[\s\S]*title\s+: First Song/);
		expect(run.inputs.map((input) => input.title)).to.deep.equal(['First Artist - First Song']);
		expect(run.inputs[0]!.fields).to.include({ title: 'First Song', artist: 'First Artist' });
	});

	it('GIVEN an Ogg Opus file with tags WHEN ffmpeg plays it THEN the title is read', async () => {
		const run = await playWithFfmpeg(file('song.opus'));
		expect(run.code).to.equal(0);
		expect(run.inputs.map((input) => input.title)).to.deep.equal(['Opus Artist - Opus Song']);
	});

	it('GIVEN an MP3 with ID3 tags (format-level metadata) WHEN ffmpeg plays it THEN the title is read', async () => {
		const run = await playWithFfmpeg(file('song.mp3'));
		expect(run.code).to.equal(0);
		expect(run.inputs.map((input) => input.title)).to.deep.equal(['Mp3 Artist - Mp3 Song']);
	});

	it('GIVEN HLS packed audio with ID3 tags WHEN ffmpeg plays the playlist THEN the first segment title is read', async () => {
		const run = await playWithFfmpeg(file('audio.m3u8'));
		expect(run.code).to.equal(0);
		expect(run.inputs.map((input) => input.title)).to.deep.equal(['Segment Artist 0 - Segment Song 0']);
	});

	it('GIVEN a chained Ogg whose second part has another title WHEN ffmpeg 5.1 plays it THEN only the first title is reported: ffmpeg prints no metadata update', async () => {
		const run = await playWithFfmpeg(file('chained.ogg'));
		expect(run.code).to.equal(0);
		// ffmpeg did play into the second chain (two 1 s parts)...
		expect(run.stderr).to.match(/time=00:00:0[2-9]/);
		// ...yet its stderr never names the second title. If a later ffmpeg starts printing it, this test tells us.
		expect(run.stderr).not.to.include('Second Song');
		expect(run.inputs.map((input) => input.title)).to.deep.equal(['First Artist - First Song']);
	});

	describe('with a live ICY station', () => {
		let station: TestStation;

		before(async () => {
			station = await TestStation.start({
				mounts: { '/sine.mp3': { frequency: 440, title: "Guns N' Roses - Paradise City", name: 'Test FM' } }
			});
		});

		after(async () => {
			await station.stop();
		});

		it('GIVEN ffmpeg reading an Icecast URL itself WHEN it opens the stream THEN StreamTitle and the ICY headers are read from its stderr', async () => {
			const run = await playWithFfmpeg(station.url('/sine.mp3'), ['-t', '1']);
			expect(run.code).to.equal(0);
			expect(run.inputs).to.have.length(1);
			expect(run.inputs[0]!.title).to.equal("Guns N' Roses - Paradise City");
			expect(run.inputs[0]!.fields).to.include({ 'icy-name': 'Test FM', 'icy-br': '128' });
		});
	});
});
