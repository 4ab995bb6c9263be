/**
 * Counts the audio packets of an Ogg Opus stream as its bytes arrive (pages may be split across chunks). Each Opus
 * packet from the pipeline's ffmpeg is one 20 ms frame; the OpusHead and OpusTags header packets are not counted.
 */
export class OggPacketCounter {
	public packets = 0;
	private buffer: Buffer = Buffer.alloc(0);
	/** First bytes of the packet in progress (it may continue on the next page); undefined between packets. */
	private packetHead: Buffer | undefined;

	/** Feeds bytes; returns how many audio packets they completed. */
	public push(chunk: Buffer): number {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		let completed = 0;
		for (;;) {
			if (this.buffer.length < 27) break;
			if (this.buffer.toString('latin1', 0, 4) !== 'OggS') throw new Error('OggPacketCounter: lost Ogg page sync');
			const segmentCount = this.buffer[26];
			const headerLength = 27 + segmentCount;
			if (this.buffer.length < headerLength) break;
			const lacing = this.buffer.subarray(27, headerLength);
			const bodyLength = lacing.reduce((sum, value) => sum + value, 0);
			if (this.buffer.length < headerLength + bodyLength) break;
			let offset = headerLength;
			for (const segmentLength of lacing) {
				this.packetHead ??= this.buffer.subarray(offset, offset + 8);
				offset += segmentLength;
				// A lacing value below 255 ends a packet; 255 continues it.
				if (segmentLength < 255) {
					if (!isHeaderPacket(this.packetHead)) completed++;
					this.packetHead = undefined;
				}
			}
			this.buffer = this.buffer.subarray(headerLength + bodyLength);
		}
		this.packets += completed;
		return completed;
	}
}

function isHeaderPacket(head: Buffer): boolean {
	const magic = head.toString('latin1', 0, 8);
	return magic === 'OpusHead' || magic === 'OpusTags';
}
