import { parseIcyMetadata } from './icyMetadata.js';

/**
 * Splits a listener's ICY byte stream back into audio and metadata, for tests that play the radio's part.
 * Feed it every chunk received after the HTTP headers; read `audio()` and `titles`.
 */
export class IcyDemuxer {
	/** Every StreamTitle received, in order, including repeats. */
	public readonly titles: string[] = [];
	/** Number of metadata blocks seen, including empty ones. */
	public blocks = 0;
	private readonly audioChunks: Buffer[] = [];
	private untilMetadata: number;
	private pending = Buffer.alloc(0);

	public constructor(private readonly metaint: number) {
		this.untilMetadata = metaint;
	}

	public push(chunk: Buffer): void {
		let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
		this.pending = Buffer.alloc(0);
		while (data.length > 0) {
			if (this.untilMetadata > 0) {
				const take = Math.min(this.untilMetadata, data.length);
				this.audioChunks.push(data.subarray(0, take));
				data = data.subarray(take);
				this.untilMetadata -= take;
				continue;
			}
			const length = data[0] * 16;
			if (data.length < 1 + length) {
				// The block continues in the next chunk.
				this.pending = Buffer.from(data);
				return;
			}
			this.blocks++;
			if (length > 0) {
				const title = parseIcyMetadata(data.subarray(1, 1 + length)).StreamTitle;
				if (title !== undefined) this.titles.push(title);
			}
			data = data.subarray(1 + length);
			this.untilMetadata = this.metaint;
		}
	}

	public audio(): Buffer {
		return Buffer.concat(this.audioChunks);
	}
}
