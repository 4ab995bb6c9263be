/** Bytes of audio between two metadata blocks, as announced in `icy-metaint`. */
export const defaultIcyMetaint = 16_000;

/**
 * One ICY metadata block: a length byte (in 16-byte units) followed by `StreamTitle='...';` padded with NULs.
 * An empty buffer for `title === undefined` means "no change" and is sent as the single byte 0.
 */
export function encodeIcyMetadata(title: string | undefined): Buffer {
	if (title === undefined) return Buffer.alloc(1);
	let text = Buffer.from(`StreamTitle='${title}';`, 'utf8');
	// The length byte counts 16-byte units, so a block holds at most 255 * 16 bytes.
	if (text.length > 255 * 16) text = text.subarray(0, 255 * 16);
	const units = Math.ceil(text.length / 16);
	const block = Buffer.alloc(1 + units * 16);
	block[0] = units;
	text.copy(block, 1);
	return block;
}

/** Decodes the text of a metadata block (without its length byte): `StreamTitle='x';` → { StreamTitle: 'x' }. */
export function parseIcyMetadata(payload: Buffer): Record<string, string> {
	const text = payload.toString('utf8').replace(/\0+$/, '');
	const fields: Record<string, string> = {};
	for (const [, key, value] of text.matchAll(/(\w+)='(.*?)';(?=\w+='|$)/gs)) fields[key] = value;
	return fields;
}

/**
 * Interleaves metadata blocks into one listener's audio bytes every `metaint` bytes. With `repeatTitle` every block
 * carries the title (as the brief asks); without it, like Icecast, only the first block and changes do, the rest are empty.
 */
export class IcyInterleaver {
	private untilMetadata: number;
	private lastSentTitle: string | undefined;

	public constructor(
		private readonly metaint: number,
		private readonly currentTitle: () => string,
		private readonly repeatTitle: boolean
	) {
		this.untilMetadata = metaint;
	}

	public interleave(audio: Buffer): Buffer[] {
		const parts: Buffer[] = [];
		let offset = 0;
		while (offset < audio.length) {
			const take = Math.min(this.untilMetadata, audio.length - offset);
			parts.push(audio.subarray(offset, offset + take));
			offset += take;
			this.untilMetadata -= take;
			if (this.untilMetadata === 0) {
				parts.push(this.nextBlock());
				this.untilMetadata = this.metaint;
			}
		}
		return parts;
	}

	private nextBlock(): Buffer {
		const title = this.currentTitle();
		if (!this.repeatTitle && title === this.lastSentTitle) return encodeIcyMetadata(undefined);
		this.lastSentTitle = title;
		return encodeIcyMetadata(title);
	}
}
