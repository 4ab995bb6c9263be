import { expect } from 'chai';
import { decodeOpusToMono, dominantFrequency, encodeToneToOggOpus, readOggOpusPackets } from '#emulator/audio/index';

const sampleRate = 48_000;

function sine(frequency: number, seconds: number, amplitude = 10_000): Int16Array {
	const pcm = new Int16Array(Math.round(seconds * sampleRate));
	for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + 0.3));
	return pcm;
}

describe('dominantFrequency', () => {
	for (const frequency of [100, 261.63, 440, 1000, 2500, 3999]) {
		for (const seconds of [0.25, 3]) {
			it(`GIVEN a ${seconds} s pure ${frequency} Hz sine WHEN analysed THEN it is found within 0.5%`, () => {
				expect(dominantFrequency(sine(frequency, seconds), sampleRate)).to.be.closeTo(frequency, frequency * 0.005);
			});
		}
	}

	it('GIVEN tones of 440 Hz and 452 Hz WHEN analysed THEN they are told apart', () => {
		const low = dominantFrequency(sine(440, 1), sampleRate);
		const high = dominantFrequency(sine(452, 1), sampleRate);
		expect(low).to.be.closeTo(440, 2.2);
		expect(high).to.be.closeTo(452, 2.2);
		expect(Math.abs(high - 440)).to.be.greaterThan(440 * 0.02);
	});

	it('GIVEN a quiet 440 Hz tone under a loud 880 Hz tone WHEN analysed THEN the loud one dominates', () => {
		const quiet = sine(440, 1, 2000);
		const loud = sine(880, 1, 12_000);
		const mixed = quiet.map((sample, i) => sample + loud[i]!);
		expect(dominantFrequency(mixed, sampleRate)).to.be.closeTo(880, 880 * 0.005);
	});

	it('GIVEN silence WHEN analysed THEN there is no dominant frequency', () => {
		expect(dominantFrequency(new Int16Array(4800), sampleRate)).to.be.NaN;
	});

	it('GIVEN a 660 Hz tone encoded to Ogg Opus by ffmpeg WHEN decoded and analysed THEN it is 660 Hz within 0.5%', async () => {
		const stdout = await encodeToneToOggOpus(660, 2);
		const frames = readOggOpusPackets(stdout);
		expect(frames.length).to.be.within(99, 102);
		const pcm = decodeOpusToMono(frames);
		expect(pcm.length).to.equal(frames.length * 960);
		expect(dominantFrequency(pcm, sampleRate)).to.be.closeTo(660, 660 * 0.005);
	});
});
