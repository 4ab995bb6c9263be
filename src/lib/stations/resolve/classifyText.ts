export type TextKind = 'pls' | 'm3u' | 'hls' | 'markup';

/**
 * What a text body is: a PLS or M3U playlist, an HLS playlist, or a web page / XML document. `looksLikePlaylist` (from the
 * URL's extension or the content type) lets a bare list of relative paths count as M3U. Null for binary or other text.
 */
export function classifyText(bytes: Buffer, looksLikePlaylist: boolean): TextKind | null {
	if (!isText(bytes)) return null;
	const text = bytes
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trimStart();
	const head = text.slice(0, 64).toLowerCase();
	if (head.startsWith('[playlist]')) return 'pls';
	if (head.startsWith('#extm3u')) return /^#EXT-X-/m.test(text) ? 'hls' : 'm3u';
	if (head.startsWith('<')) return 'markup';
	const lines = text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'));
	if (lines.length === 0) return looksLikePlaylist ? 'm3u' : null;
	if (lines.every((line) => /^https?:\/\/\S+$/i.test(line))) return 'm3u';
	return looksLikePlaylist && lines.every((line) => !/\s/.test(line)) ? 'm3u' : null;
}

/** Text has no NUL bytes and almost no other control characters (tabs and line breaks aside). */
export function isText(bytes: Buffer): boolean {
	let control = 0;
	for (const byte of bytes) {
		if (byte === 0) return false;
		if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
	}
	return control <= bytes.length / 100;
}
