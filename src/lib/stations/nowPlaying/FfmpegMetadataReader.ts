import { parseFfmpegMetadataLine } from '#lib/stations/nowPlaying/parseFfmpegMetadataLine';
import { titleFromFfmpegMetadata } from '#lib/stations/nowPlaying/titleFromFfmpegMetadata';

/** What ffmpeg reported about one input when it opened it. */
export interface FfmpegInputMetadata {
	/** Song title (see titleFromFfmpegMetadata), or null. */
	readonly title: string | null;
	/** Every metadata entry of the input's `Metadata:` sections (format, program and stream level; the first of a key wins). */
	readonly fields: Readonly<Record<string, string>>;
}

/**
 * Reads the metadata out of ffmpeg's stderr at `-loglevel info`, line by line (split it with LineSplitter).
 *
 * ffmpeg 5.1 prints metadata once, in the `Input #0, …` header it shows when it opens the input: the ICY headers and
 * StreamTitle for an Icecast URL, Vorbis/Opus comments for Ogg (stream level), ID3 tags for MP3 (format level) and for
 * HLS packed audio (stream level). It prints nothing when the metadata changes later (a new chained-Ogg logical stream,
 * a new ICY title, new ID3 in a later HLS segment), so a title read here is the one at (re)start only. The `Output #`
 * sections repeat the input's tags and are ignored.
 */
export class FfmpegMetadataReader {
	private fields: Record<string, string> | undefined;
	private metadataIndent: number | undefined;
	private lastKey: string | undefined;

	/** Feeds one line; returns the input's metadata when this line ends an `Input #` section. */
	public push(line: string): FfmpegInputMetadata | null {
		if (/^Input #\d+/.test(line)) {
			const finished = this.end();
			this.fields = {};
			return finished;
		}
		if (this.fields === undefined || line.trim() === '') return null;
		// Everything of the input header is indented; the first line that is not ("Stream mapping:", "Output #0", …) ends it.
		if (!line.startsWith(' ')) return this.end();
		this.readHeaderLine(line);
		return null;
	}

	/** Ends an input header still being read (when stderr ends); returns its metadata, if any. */
	public end(): FfmpegInputMetadata | null {
		const { fields } = this;
		this.fields = undefined;
		this.metadataIndent = undefined;
		this.lastKey = undefined;
		return fields ? { title: titleFromFfmpegMetadata(fields), fields } : null;
	}

	private readHeaderLine(line: string): void {
		const entry = parseFfmpegMetadataLine(line);
		if (entry && this.metadataIndent !== undefined && entry.indent > this.metadataIndent) {
			this.addEntry(entry.key, entry.value);
			return;
		}
		this.lastKey = undefined;
		this.metadataIndent = line.trim() === 'Metadata:' ? line.length - line.trimStart().length : undefined;
	}

	private addEntry(key: string, value: string): void {
		const fields = this.fields!;
		if (key === '') {
			// A further line of a multi-line value.
			if (this.lastKey !== undefined) fields[this.lastKey] = `${fields[this.lastKey]}\n${value}`;
			return;
		}
		if (key in fields) {
			this.lastKey = undefined;
			return;
		}
		fields[key] = value;
		this.lastKey = key;
	}
}
