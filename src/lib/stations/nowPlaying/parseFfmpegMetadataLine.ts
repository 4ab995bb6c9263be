/** One `key : value` line of a `Metadata:` section ffmpeg prints at `-loglevel info`. */
export interface FfmpegMetadataLine {
	/** Leading spaces: tells which section the line belongs to. */
	readonly indent: number;
	/** '' for the continuation of a multi-line value. */
	readonly key: string;
	readonly value: string;
}

// ffmpeg (libavformat/dump.c) prints `<indent>  <key padded to 16>: <value>`; each line of a multi-line value
// continues with an empty key. An empty value may lose its trailing space to whoever trims the line.
const metadataLine = /^( +)(\S.*?)? *:(?: (.*))?$/;

/**
 * Parses one line of ffmpeg's stderr as a metadata entry, e.g. `      title           : Song` →
 * `{ indent: 6, key: 'title', value: 'Song' }`. Returns null for lines that cannot be one (not indented, no ': ').
 * Whether the line really is inside a `Metadata:` section is for the caller (FfmpegMetadataReader) to know.
 */
export function parseFfmpegMetadataLine(line: string): FfmpegMetadataLine | null {
	const match = metadataLine.exec(line);
	if (!match) return null;
	return { indent: match[1]!.length, key: match[2] ?? '', value: match[3] ?? '' };
}
