/** The song title from a Vorbis comment list: `ARTIST - TITLE`, or TITLE alone; null without a TITLE. */
export function titleFromComments(comments: ReadonlyMap<string, string>): string | null {
	const title = comments.get('TITLE')?.trim();
	if (!title) return null;
	const artist = comments.get('ARTIST')?.trim();
	return artist ? `${artist} - ${title}` : title;
}

/** At most this many comments are looked at; real streams carry a dozen. */
const maxComments = 256;

/**
 * Reads a Vorbis comment list (Vorbis and Opus comment headers, FLAC's VORBIS_COMMENT block), as much of it as `data`
 * holds: `[vendor length][vendor][count]([length]["KEY=value"])*`, lengths 32-bit little-endian. A list cut short
 * (the caller keeps only a bounded prefix of a large header, e.g. one with cover art) yields the comments before the cut.
 * Keys are upper-cased; the first of a key wins. Every length is checked against the bytes there are.
 */
export function readVorbisComments(data: Buffer): Map<string, string> {
	const comments = new Map<string, string>();
	if (data.length < 4) return comments;
	let offset = 4 + data.readUInt32LE(0);
	if (offset + 4 > data.length) return comments;
	const count = data.readUInt32LE(offset);
	offset += 4;
	for (let index = 0; index < Math.min(count, maxComments) && offset + 4 <= data.length; index++) {
		const length = data.readUInt32LE(offset);
		offset += 4;
		if (length > data.length - offset) break;
		const text = data.toString('utf8', offset, offset + length);
		offset += length;
		const equals = text.indexOf('=');
		if (equals <= 0) continue;
		const key = text.slice(0, equals).toUpperCase();
		if (!comments.has(key)) comments.set(key, text.slice(equals + 1));
	}
	return comments;
}
