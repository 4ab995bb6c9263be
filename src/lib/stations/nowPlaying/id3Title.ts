/** An ID3 tag is read up to this many bytes (HLS timed metadata is a few hundred; a larger tag is skipped). */
export const maxId3Bytes = 64 * 1024;
/** Frames looked at in one tag at most. */
const maxFrames = 64;

/** The whole length of the ID3v2 tag at the start of `bytes` (header, body and footer), or null when none starts there. */
export function id3TagLength(bytes: Uint8Array): number | null {
	if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return null;
	if (bytes[3]! > 4 || [6, 7, 8, 9].some((index) => bytes[index]! & 0x80)) return null;
	return 10 + syncsafe(bytes, 6) + (bytes[5]! & 0x10 ? 10 : 0);
}

/**
 * The song title in an ID3v2.2/2.3/2.4 tag (HLS timed metadata, packed audio): `TPE1 - TIT2` (`TP1 - TT2` in v2.2), or
 * TIT2 alone; null without one. Text in Latin-1, UTF-16 (with BOM or big-endian) or UTF-8. Unsynchronisation (whole tag
 * or per frame) is undone; compressed or encrypted frames are skipped. Every size is checked against the bytes there are.
 */
export function id3Title(tag: Uint8Array): string | null {
	const length = id3TagLength(tag);
	if (length === null) return null;
	const version = tag[3]!;
	const flags = tag[5]!;
	let body = Buffer.from(tag.buffer, tag.byteOffset + 10, Math.min(tag.length, length) - 10);
	if (version < 4 && flags & 0x80) body = undoUnsynchronisation(body);
	let offset = 0;
	// Extended header: its size excludes itself in v2.3, includes itself (syncsafe) in v2.4.
	if (version >= 3 && flags & 0x40 && body.length >= 4) offset = version === 4 ? syncsafe(body, 0) : 4 + body.readUInt32BE(0);
	const frames = new Map<string, string>();
	const idLength = version === 2 ? 3 : 4;
	const headerLength = version === 2 ? 6 : 10;
	for (let count = 0; count < maxFrames && offset + headerLength <= body.length; count++) {
		const id = body.toString('latin1', offset, offset + idLength);
		if (!/^[A-Z0-9]+$/.test(id)) break;
		const size = version === 2 ? body.readUIntBE(offset + 3, 3) : version === 4 ? syncsafe(body, offset + 4) : body.readUInt32BE(offset + 4);
		const frameFlags = version === 2 ? 0 : body.readUInt16BE(offset + 8);
		const start = offset + headerLength;
		offset = start + size;
		if (offset > body.length) break;
		if (!['TIT2', 'TPE1', 'TT2', 'TP1'].includes(id) || frames.has(id)) continue;
		const text = frameText(body.subarray(start, offset), version, frameFlags);
		if (text !== null) frames.set(id, text);
	}
	const title = (frames.get('TIT2') ?? frames.get('TT2'))?.trim();
	if (!title) return null;
	const artist = (frames.get('TPE1') ?? frames.get('TP1'))?.trim();
	return artist ? `${artist} - ${title}` : title;
}

function frameText(data: Buffer, version: number, flags: number): string | null {
	let content = data;
	if (version === 4) {
		// Compressed (0x0008) or encrypted (0x0004): not worth it for a title.
		if (flags & 0x000c) return null;
		if (flags & 0x0001) content = content.subarray(4);
		if (flags & 0x0002) content = undoUnsynchronisation(content);
	} else if (version === 3 && flags & 0x00c0) return null;
	if (content.length < 1) return null;
	const text = content.subarray(1);
	switch (content[0]) {
		case 0:
			return firstString(text.toString('latin1'));
		case 1:
			return firstString(decodeUtf16(text));
		case 2:
			return firstString(decodeUtf16(text, false));
		case 3:
			return firstString(text.toString('utf8'));
		default:
			return null;
	}
}

/** Text frames may hold several NUL-separated strings (v2.4); the first is the value. */
function firstString(text: string): string {
	const end = text.indexOf('\0');
	return end === -1 ? text : text.slice(0, end);
}

function decodeUtf16(bytes: Buffer, withBom = true): string {
	let littleEndian = false;
	let data = bytes;
	if (withBom && data.length >= 2) {
		littleEndian = data[0] === 0xff && data[1] === 0xfe;
		if (littleEndian || (data[0] === 0xfe && data[1] === 0xff)) data = data.subarray(2);
	}
	const even = Buffer.from(data.subarray(0, data.length - (data.length % 2)));
	if (!littleEndian) even.swap16();
	return even.toString('utf16le');
}

function undoUnsynchronisation(bytes: Buffer): Buffer {
	const out = Buffer.alloc(bytes.length);
	let length = 0;
	for (let index = 0; index < bytes.length; index++) {
		out[length++] = bytes[index]!;
		if (bytes[index] === 0xff && bytes[index + 1] === 0x00) index++;
	}
	return out.subarray(0, length);
}

function syncsafe(bytes: Uint8Array, offset: number): number {
	return ((bytes[offset]! & 0x7f) << 21) | ((bytes[offset + 1]! & 0x7f) << 14) | ((bytes[offset + 2]! & 0x7f) << 7) | (bytes[offset + 3]! & 0x7f);
}
