import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { parseIcyMetaint } from '#lib/stations/nowPlaying/icyMetaint';
import { parseIcyMetadata, type IcyMetadata } from '#lib/stations/nowPlaying/parseIcyMetadata';

/**
 * Splits an ICY (Icecast/Shoutcast) response body into pure audio, which it passes on, and metadata blocks, which it
 * emits as `'metadata'` events with an {@link IcyMetadata}. Every `metaint` audio bytes the server inserts one length
 * byte (in 16-byte units, so at most 4080 bytes follow) and that many bytes of `StreamTitle='…';` text; a length of 0
 * means "no change" and emits nothing. Blocks may be split across chunks of any size.
 *
 * Construct it with the `icy-metaint` response header (or a number); 0 or absent passes every byte through.
 * An invalid or oversized metaint (> 256 KiB) throws a RangeError.
 *
 * `demuxer.on('metadata', (metadata: IcyMetadata) => …)`
 */
export class IcyDemuxer extends Transform {
	public readonly metaint: number;
	/** Audio bytes still due before the next length byte. */
	private untilMetadata: number;
	/** The metadata block being collected; undefined while reading audio. */
	private block: Buffer | undefined;
	private blockFilled = 0;

	public constructor(metaint: number | string | readonly string[] | undefined, options: TransformOptions = {}) {
		super(options);
		this.metaint = parseIcyMetaint(metaint);
		this.untilMetadata = this.metaint;
	}

	public override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		if (this.metaint === 0) {
			callback(null, chunk);
			return;
		}
		const audio: Buffer[] = [];
		let offset = 0;
		while (offset < chunk.length) {
			if (this.untilMetadata > 0) {
				const end = Math.min(chunk.length, offset + this.untilMetadata);
				audio.push(chunk.subarray(offset, end));
				this.untilMetadata -= end - offset;
				offset = end;
			} else if (this.block === undefined) {
				const length = chunk[offset++]! * 16;
				if (length === 0) this.untilMetadata = this.metaint;
				else this.block = Buffer.allocUnsafe(length);
				this.blockFilled = 0;
			} else {
				const copied = chunk.copy(this.block, this.blockFilled, offset, offset + this.block.length - this.blockFilled);
				this.blockFilled += copied;
				offset += copied;
				if (this.blockFilled === this.block.length) {
					// Audio before the block goes out before its title is announced.
					this.pushAudio(audio.splice(0));
					this.finishBlock(this.block);
				}
			}
		}
		this.pushAudio(audio);
		callback();
	}

	private pushAudio(parts: Buffer[]): void {
		if (parts.length > 0) this.push(parts.length === 1 ? parts[0] : Buffer.concat(parts));
	}

	private finishBlock(block: Buffer): void {
		this.block = undefined;
		this.untilMetadata = this.metaint;
		this.emit('metadata', parseIcyMetadata(block));
	}
}
