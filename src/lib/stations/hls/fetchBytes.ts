import { readChunks } from '#lib/net/readChunks';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { openStream, type StreamRequestSettings } from '#lib/stations/resolve/withStream';
import type { ByteRange } from '#lib/stations/hls/parseHlsPlaylist';

/**
 * The body of `url` (or `range` of it) as it arrives, chunk by chunk, at most `maxBytes`: a larger body fails with
 * 'too-large', before the first byte when its Content-Length says so, else once its bytes pass the limit (those before
 * were passed on, never held). Nothing is read before the consumer asks for it, so a slow consumer holds the server back.
 * Every request goes through the settings' `checkUrl` and `lookup`, redirects included.
 */
export async function* streamBytes(
	url: string,
	settings: StreamRequestSettings,
	maxBytes: number,
	range?: ByteRange
): AsyncGenerator<Buffer, void, undefined> {
	const headers: Record<string, string> = range ? { range: `bytes=${range.offset}-${range.offset + range.length - 1}` } : {};
	const response = await openStream(url, settings, headers);
	try {
		// A server that ignores Range sends the whole resource: the part we want then starts at the offset (and what we
		// read up to its end must fit the limit too).
		let skip = range && response.status !== 206 ? range.offset : 0;
		let left = range ? range.length : maxBytes;
		if (skip + left > maxBytes || Number(response.headers['content-length']) > maxBytes) throw tooLarge(url, maxBytes);
		for await (let chunk of readChunks(response.body, settings.timeoutMs ?? 10_000, response.url)) {
			if (skip > 0) {
				const skipped = Math.min(skip, chunk.length);
				chunk = chunk.subarray(skipped);
				skip -= skipped;
			}
			if (chunk.length > left) {
				// A range ends here; a whole body may not go on.
				if (!range) throw tooLarge(url, maxBytes);
				chunk = chunk.subarray(0, left);
			}
			left -= chunk.length;
			if (chunk.length > 0) yield chunk;
			if (range && left === 0) return;
		}
	} finally {
		response.close();
	}
}

/** The whole body of `url` (or `range` of it) in one buffer, at most `maxBytes` (see streamBytes): for playlists. */
export async function fetchBytes(url: string, settings: StreamRequestSettings, maxBytes: number, range?: ByteRange): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of streamBytes(url, settings, maxBytes, range)) chunks.push(chunk);
	return Buffer.concat(chunks);
}

function tooLarge(url: string, maxBytes: number): StreamResolveError {
	return new StreamResolveError('too-large', `${url} is larger than ${Math.round(maxBytes / 1024)} KiB.`, url);
}
