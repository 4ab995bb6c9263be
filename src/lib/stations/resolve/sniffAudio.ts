import { adtsFrameLength, mpegFrameLength } from '#lib/stations/resolve/mpegFrames';

export type SniffedAudio = 'mp3' | 'aac' | 'ogg' | 'opus';

/**
 * Identifies audio from the first bytes of a stream: ID3 or MPEG audio frames → mp3, ADTS frames → aac, Ogg with an
 * OpusHead → opus, other Ogg (Vorbis, FLAC) → ogg. A live stream may start mid-frame, so frame syncs are searched for,
 * and one only counts when the next frame starts where its length says (or the data ends first at offset 0).
 */
export function sniffAudio(bytes: Buffer): SniffedAudio | null {
	if (bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'ID3') {
		const rest = bytes.subarray(id3TagLength(bytes));
		return rest.length === 0 ? 'mp3' : (sniffAudio(rest) ?? 'mp3');
	}
	const ogg = bytes.indexOf('OggS', 0, 'latin1');
	if (ogg === 0) return oggCodec(bytes);
	// A stream joined mid-page: the capture pattern of the next page identifies it (before compressed bytes can pass for frames).
	if (ogg > 0) return 'ogg';
	return findFrames(bytes);
}

/** True for bytes an HLS segment may hold: MPEG-TS, fragmented MP4, packed audio (ADTS, MP3, ID3-tagged) or Ogg. */
export function looksLikeSegment(bytes: Buffer): boolean {
	if (bytes.length >= 188 && bytes[0] === 0x47 && (bytes.length < 189 || bytes[188] === 0x47)) return true;
	const box = bytes.toString('latin1', 4, 8);
	if (['ftyp', 'styp', 'moof', 'sidx', 'emsg'].includes(box)) return true;
	return sniffAudio(bytes) !== null;
}

function id3TagLength(bytes: Buffer): number {
	// Syncsafe integer: 7 bits per byte.
	const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
	const footer = bytes[5] & 0x10 ? 10 : 0;
	return 10 + size + footer;
}

function oggCodec(bytes: Buffer): SniffedAudio {
	const segments = bytes[26] ?? 0;
	const packetStart = 27 + segments;
	if (bytes.toString('latin1', packetStart, packetStart + 8) === 'OpusHead') return 'opus';
	return 'ogg';
}

function findFrames(bytes: Buffer): SniffedAudio | null {
	for (let offset = 0; offset + 4 <= bytes.length; offset++) {
		if (bytes[offset] !== 0xff) continue;
		for (const [kind, frameLength] of [
			['aac', adtsFrameLength],
			['mp3', mpegFrameLength]
		] as const) {
			const length = frameLength(bytes, offset);
			if (length === 0) continue;
			const next = offset + length;
			if (frameLength(bytes, next) > 0) return kind;
			// Too little data to see a second frame: trust a frame right at the start.
			if (offset === 0 && next + 7 > bytes.length) return kind;
		}
	}
	return null;
}
