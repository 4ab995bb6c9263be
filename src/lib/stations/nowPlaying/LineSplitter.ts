import { StringDecoder } from 'node:string_decoder';

/** Longest line kept whole; a longer one (a runaway log line) is cut into pieces so the buffer stays bounded. */
export const maxLineLength = 64 * 1024;

const lineBreak = /\r\n|\r|\n/g;

/**
 * Turns chunks of a process's output (ffmpeg's stderr) into whole lines. Lines end in \n, \r\n or a lone \r (ffmpeg
 * rewrites its progress line with \r). UTF-8 characters split across chunks are decoded correctly.
 */
export class LineSplitter {
	private readonly decoder = new StringDecoder('utf8');
	private partial = '';

	/** The lines this chunk completes, without their line breaks. */
	public push(chunk: Buffer | string): string[] {
		const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
		const lines: string[] = [];
		let start = 0;
		for (const match of text.matchAll(lineBreak)) {
			// A \r ending the chunk may be the first half of a \r\n split across chunks: decide with the next chunk.
			if (match[0] === '\r' && match.index === text.length - 1) break;
			lines.push(text.slice(start, match.index));
			start = match.index + match[0].length;
		}
		this.partial = text.slice(start);
		if (this.partial.length > maxLineLength) {
			lines.push(this.partial.slice(0, maxLineLength));
			this.partial = this.partial.slice(maxLineLength);
		}
		return lines;
	}

	/** The last line, if the output did not end with a line break. */
	public end(): string[] {
		const rest = (this.partial + this.decoder.end()).replace(/\r$/, '');
		this.partial = '';
		return rest === '' ? [] : [rest];
	}
}
