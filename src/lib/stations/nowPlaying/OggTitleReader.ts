import { readVorbisComments, titleFromComments } from '#lib/stations/nowPlaying/vorbisComments';

/** A comment header is read up to this many bytes: enough for every title, never a whole embedded cover picture. */
export const maxCommentBytes = 64 * 1024;
/** Logical streams whose comment header is awaited at once (chained streams come one at a time; a few may overlap). */
const maxTrackedStreams = 8;

const capture = Buffer.from('OggS', 'latin1');
const headerLength = 27;
const flagContinued = 0x01;
const flagFirst = 0x02;
const flagLast = 0x04;

/** A logical stream that began on a page we read, up to its comment header (its second packet). */
interface Tracked {
	/** Complete packets seen so far. */
	packets: number;
	readonly parts: Buffer[];
	size: number;
}

/**
 * Finds the song title of each logical stream in Ogg bytes as they pass (Icecast starts a new chained logical stream,
 * with new comments, for every song): for every stream that begins (a page with the first-page flag) it collects the
 * second packet, the comment header of Opus (`OpusTags`), Vorbis (`\x03vorbis`) or FLAC (a VORBIS_COMMENT block), and
 * calls `onTitle` with `ARTIST - TITLE` (or TITLE).
 *
 * Its cost is bounded whatever the bytes: one page header and segment table are held at a time (282 bytes), at most
 * {@link maxCommentBytes} of a comment header, at most 8 streams awaited (the oldest gives way; a stream's last page
 * ends its wait); everything else is skipped, not copied. Bytes
 * that are not Ogg are skipped up to the next capture pattern `OggS`.
 */
export class OggTitleReader {
	private readonly header = Buffer.alloc(headerLength);
	private headerFilled = 0;
	private readonly table = Buffer.alloc(255);
	private tableFilled = 0;
	private segments = 0;
	private segment = 0;
	/** Bytes of the current segment still to come. */
	private segmentLeft = 0;
	private state: 'header' | 'table' | 'body' = 'header';
	private current: Tracked | undefined;
	private serial = 0;
	private readonly streams = new Map<number, Tracked>();

	public constructor(private readonly onTitle: (title: string) => void) {}

	public push(chunk: Buffer): void {
		let offset = 0;
		while (offset < chunk.length) {
			if (this.state === 'header') offset = this.readHeader(chunk, offset);
			else if (this.state === 'table') offset = this.readTable(chunk, offset);
			else offset = this.readBody(chunk, offset);
		}
	}

	private readHeader(chunk: Buffer, offset: number): number {
		while (offset < chunk.length && this.headerFilled < capture.length) {
			const byte = chunk[offset++]!;
			if (byte === capture[this.headerFilled]) this.header[this.headerFilled++] = byte;
			// Not Ogg here: look for the next capture pattern.
			else this.headerFilled = byte === capture[0] ? 1 : 0;
		}
		const take = Math.min(headerLength - this.headerFilled, chunk.length - offset);
		chunk.copy(this.header, this.headerFilled, offset, offset + take);
		this.headerFilled += take;
		offset += take;
		if (this.headerFilled < headerLength) return offset;
		this.headerFilled = 0;
		if (this.header[4] !== 0) return offset;
		this.startPage();
		return offset;
	}

	private startPage(): void {
		const flags = this.header[5]!;
		this.serial = this.header.readUInt32LE(14);
		if (flags & flagFirst) {
			// The oldest stream awaited gives way: a stream of streams that never send comments cannot hold the next song back.
			if (this.streams.size >= maxTrackedStreams) this.streams.delete(this.streams.keys().next().value!);
			this.streams.set(this.serial, { packets: 0, parts: [], size: 0 });
		}
		this.current = this.streams.get(this.serial);
		if (flags & flagLast) this.streams.delete(this.serial);
		// A packet carried over from a page we never saw (or lost) cannot be completed: start at the next one.
		if (this.current && !(flags & flagContinued) && this.current.size > 0) this.clearPacket(this.current);
		this.segments = this.header[26]!;
		this.tableFilled = 0;
		this.segment = 0;
		this.state = this.segments === 0 ? 'header' : 'table';
	}

	private readTable(chunk: Buffer, offset: number): number {
		const take = Math.min(this.segments - this.tableFilled, chunk.length - offset);
		chunk.copy(this.table, this.tableFilled, offset, offset + take);
		this.tableFilled += take;
		if (this.tableFilled === this.segments) this.startSegment();
		return offset + take;
	}

	private startSegment(): void {
		if (this.segment === this.segments) {
			this.state = 'header';
			return;
		}
		this.segmentLeft = this.table[this.segment]!;
		this.state = 'body';
		if (this.segmentLeft === 0) this.endSegment();
	}

	private readBody(chunk: Buffer, offset: number): number {
		const take = Math.min(this.segmentLeft, chunk.length - offset);
		const tracked = this.current;
		if (tracked?.packets === 1 && tracked.size < maxCommentBytes) {
			const part = chunk.subarray(offset, offset + Math.min(take, maxCommentBytes - tracked.size));
			tracked.parts.push(Buffer.from(part));
			tracked.size += part.length;
		}
		this.segmentLeft -= take;
		if (this.segmentLeft === 0) this.endSegment();
		return offset + take;
	}

	private endSegment(): void {
		const lacing = this.table[this.segment++]!;
		const tracked = this.current;
		// A lacing value under 255 ends a packet.
		if (tracked && lacing < 255) {
			tracked.packets++;
			if (tracked.packets === 2) {
				this.streams.delete(this.serial);
				this.current = undefined;
				this.announce(Buffer.concat(tracked.parts, tracked.size));
			}
			this.clearPacket(tracked);
		}
		this.startSegment();
	}

	private clearPacket(tracked: Tracked): void {
		tracked.parts.length = 0;
		tracked.size = 0;
	}

	private announce(packet: Buffer): void {
		const comments = commentList(packet);
		const title = comments && titleFromComments(readVorbisComments(comments));
		if (title) this.onTitle(title);
	}
}

/** The comment list inside a comment header packet, or null for a packet that is none we know. */
function commentList(packet: Buffer): Buffer | null {
	if (packet.toString('latin1', 0, 8) === 'OpusTags') return packet.subarray(8);
	if (packet.toString('latin1', 0, 7) === '\x03vorbis') return packet.subarray(7);
	// FLAC in Ogg: metadata blocks follow the stream info; type 4 is VORBIS_COMMENT (bit 7 marks the last block).
	if (packet.length > 4 && (packet[0]! & 0x7f) === 4) return packet.subarray(4);
	return null;
}
