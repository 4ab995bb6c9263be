/** One raw ICY metadata block: the length byte and `text` NUL-padded to a multiple of 16 bytes. */
export function icyBlock(text: Buffer | string): Buffer {
	const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
	const units = Math.ceil(bytes.length / 16);
	const block = Buffer.alloc(1 + units * 16);
	block[0] = units;
	bytes.copy(block, 1);
	return block;
}

/** Deterministic pseudo-random "audio" bytes, so a misplaced byte shows. */
export function audioBytes(length: number, seed: number): Buffer {
	const bytes = Buffer.alloc(length);
	let state = seed;
	for (let index = 0; index < length; index++) {
		state = (state * 1_103_515_245 + 12_345) >>> 0;
		bytes[index] = state >>> 24;
	}
	return bytes;
}

/** An ICY body: `metaint` audio bytes, then one of `blocks`, repeated; returns the body and the audio alone. */
export function icyBody(metaint: number, blocks: readonly Buffer[]): { body: Buffer; audio: Buffer } {
	const parts: Buffer[] = [];
	const audio: Buffer[] = [];
	blocks.forEach((block, index) => {
		const segment = audioBytes(metaint, index + 1);
		audio.push(segment);
		parts.push(segment, block);
	});
	// A partial audio segment after the last block, as a live stream cut anywhere.
	const tail = audioBytes(Math.floor(metaint / 2), 99);
	audio.push(tail);
	parts.push(tail);
	return { body: Buffer.concat(parts), audio: Buffer.concat(audio) };
}

/** Splits `body` into chunks of the given sizes, cycling through them. */
export function chunk(body: Buffer, sizes: readonly number[]): Buffer[] {
	const chunks: Buffer[] = [];
	for (let offset = 0, index = 0; offset < body.length; index++) {
		const size = sizes[index % sizes.length]!;
		chunks.push(body.subarray(offset, offset + size));
		offset += size;
	}
	return chunks;
}
