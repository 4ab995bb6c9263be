import { MpegTsId3Reader } from '#lib/stations/hls/MpegTsId3Reader';
import type { LiveSegment } from '#lib/stations/hls/parseHlsPlaylist';
import { id3TagLength, id3Title, maxId3Bytes } from '#lib/stations/nowPlaying/id3Title';

/**
 * Song titles of an HLS stream as its segments pass: the `#EXTINF` title of each segment, and ID3 timed metadata in the
 * segment's bytes, either at the start of packed audio (AAC, MP3) or in the metadata stream of MPEG-TS. Call
 * `startSegment` before a segment's bytes and `push` with them. At most one ID3 tag of {@link maxId3Bytes} is held.
 */
export class HlsTitleReader {
	private kind: 'unknown' | 'packed' | 'ts' | 'none' = 'none';
	private head: Buffer[] = [];
	private headSize = 0;
	private readonly ts: MpegTsId3Reader;

	public constructor(private readonly onTitle: (title: string) => void) {
		this.ts = new MpegTsId3Reader((tag) => this.tag(tag));
	}

	public startSegment(segment: LiveSegment): void {
		this.endSegment();
		if (segment.title) this.onTitle(segment.title);
		this.kind = 'unknown';
	}

	public push(chunk: Buffer): void {
		if (this.kind === 'unknown') {
			this.kind = chunk[0] === 0x47 ? 'ts' : chunk.toString('latin1', 0, 3) === 'ID3' ? 'packed' : 'none';
		}
		if (this.kind === 'ts') this.ts.push(chunk);
		else if (this.kind === 'packed') this.packed(chunk);
	}

	/** Packed audio starts with one ID3 tag: collect it, then ignore the rest of the segment. */
	private packed(chunk: Buffer): void {
		this.head.push(chunk.subarray(0, maxId3Bytes - this.headSize));
		this.headSize = Math.min(maxId3Bytes, this.headSize + chunk.length);
		const head = Buffer.concat(this.head, this.headSize);
		this.head = [head];
		const length = id3TagLength(head);
		if (length !== null && length > maxId3Bytes) this.kind = 'none';
		else if (length === null ? head.length >= 10 : head.length >= length) {
			this.kind = 'none';
			this.tag(head);
		}
		if (this.kind === 'none') this.head = [];
	}

	private endSegment(): void {
		if (this.kind === 'ts') this.ts.end();
		this.kind = 'none';
		this.head = [];
		this.headSize = 0;
	}

	private tag(tag: Buffer): void {
		const title = id3Title(tag);
		if (title) this.onTitle(title);
	}
}
