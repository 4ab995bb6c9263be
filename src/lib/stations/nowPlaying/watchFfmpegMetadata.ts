import type { Readable } from 'node:stream';
import { FfmpegMetadataReader, type FfmpegInputMetadata } from '#lib/stations/nowPlaying/FfmpegMetadataReader';
import { LineSplitter } from '#lib/stations/nowPlaying/LineSplitter';

/**
 * Reads ffmpeg's stderr (run it with `-loglevel info`) and calls `onInput` with each input's metadata, e.g.
 * `watchFfmpegMetadata(child.stderr, ({ title }) => title && nowPlaying.update(title, 'ffmpeg'))`.
 * `onLine` (optional) sees every stderr line too, for logging. The stream still needs no other reader.
 */
export function watchFfmpegMetadata(stderr: Readable, onInput: (metadata: FfmpegInputMetadata) => void, onLine?: (line: string) => void): void {
	const splitter = new LineSplitter();
	const reader = new FfmpegMetadataReader();
	const feed = (lines: string[]): void => {
		for (const line of lines) {
			onLine?.(line);
			const metadata = reader.push(line);
			if (metadata) onInput(metadata);
		}
	};
	stderr.on('data', (chunk: Buffer | string) => feed(splitter.push(chunk)));
	stderr.once('end', () => {
		feed(splitter.end());
		const metadata = reader.end();
		if (metadata) onInput(metadata);
	});
}
