import { expect } from 'chai';
import { looksLikeSegment, sniffAudio } from '#lib/stations/resolve/sniffAudio';
import { makeAudioFixtures, type AudioFixtures } from '#support/streamFixtures';

describe('sniffAudio', () => {
	let fixtures: AudioFixtures;
	before(async () => {
		fixtures = await makeAudioFixtures();
	});
	after(() => fixtures.remove());

	it('GIVEN the first bytes of ffmpeg-made files WHEN sniffing THEN each container is recognized', () => {
		expect([fixtures.mp3, fixtures.aac, fixtures.opus, fixtures.vorbis].map((file) => sniffAudio(file.subarray(0, 4096)))).to.deep.equal([
			'mp3',
			'aac',
			'opus',
			'ogg'
		]);
	});

	it('GIVEN a live stream joined in the middle of a frame WHEN sniffing THEN the next frames are found', () => {
		expect(sniffAudio(fixtures.mp3.subarray(1001, 1001 + 4096))).to.equal('mp3');
		expect(sniffAudio(fixtures.aac.subarray(777, 777 + 4096))).to.equal('aac');
		expect(sniffAudio(fixtures.opus.subarray(333))).to.equal('ogg');
	});

	it('GIVEN an ID3 tag before the frames WHEN sniffing THEN it is skipped', () => {
		const tag = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x14', 'latin1'), Buffer.alloc(20)]);
		expect(sniffAudio(Buffer.concat([tag, fixtures.aac.subarray(0, 2048)]))).to.equal('aac');
		expect(sniffAudio(tag)).to.equal('mp3');
	});

	it('GIVEN text, HTML or random bytes WHEN sniffing THEN nothing is recognized', () => {
		expect(sniffAudio(Buffer.from('[playlist]\nFile1=http://x/\n'))).to.equal(null);
		expect(sniffAudio(Buffer.from('<html><body>hi</body></html>'))).to.equal(null);
		// A lone sync-like word with no frame after it where its length says is not audio.
		const noise = Buffer.alloc(4096, 0x11);
		noise.set([0xff, 0xfb, 0x90, 0x64], 100);
		expect(sniffAudio(noise)).to.equal(null);
	});

	it('GIVEN HLS segment bytes WHEN checking THEN MPEG-TS, fMP4 and packed audio count, text does not', () => {
		const ts = Buffer.alloc(376);
		ts[0] = 0x47;
		ts[188] = 0x47;
		const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypiso6', 'latin1'), Buffer.alloc(16)]);
		expect([ts, mp4, fixtures.aac.subarray(0, 1024)].map(looksLikeSegment)).to.deep.equal([true, true, true]);
		expect(looksLikeSegment(Buffer.from('<html>Not found</html>'))).to.equal(false);
	});
});
