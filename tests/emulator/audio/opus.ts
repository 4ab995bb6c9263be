import opus from '@discordjs/opus';

// CommonJS package: its named exports are not visible to ESM imports.
const { OpusEncoder } = opus;

export const OPUS_SAMPLE_RATE = 48_000;

/** Decodes consecutive Opus frames (one stream, in order) to 48 kHz mono PCM, averaging the two channels. */
export function decodeOpusToMono(frames: readonly Buffer[]): Int16Array {
	const decoder = new OpusEncoder(OPUS_SAMPLE_RATE, 2);
	const chunks = frames.map((frame) => stereoToMono(decoder.decode(frame)));
	const pcm = new Int16Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		pcm.set(chunk, offset);
		offset += chunk.length;
	}
	return pcm;
}

function stereoToMono(interleaved: Buffer): Int16Array {
	const samples = new Int16Array(interleaved.length / 4);
	for (let i = 0; i < samples.length; i++) {
		samples[i] = (interleaved.readInt16LE(4 * i) + interleaved.readInt16LE(4 * i + 2)) >> 1;
	}
	return samples;
}
