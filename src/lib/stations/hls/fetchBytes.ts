import { readLimited } from '#lib/net/readLimited';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { withStream, type StreamRequestSettings } from '#lib/stations/resolve/withStream';
import type { ByteRange } from './parseMediaPlaylist.js';

/**
 * The whole body of `url` (or `range` of it), at most `maxBytes`: larger bodies fail with 'too-large' instead of being
 * held in memory. Every request goes through the settings' `checkUrl` and `lookup`, redirects included.
 */
export async function fetchBytes(url: string, settings: StreamRequestSettings, maxBytes: number, range?: ByteRange): Promise<Buffer> {
	const timeoutMs = settings.timeoutMs ?? 10_000;
	const headers: Record<string, string> = range ? { range: `bytes=${range.offset}-${range.offset + range.length - 1}` } : {};
	return withStream(
		url,
		settings,
		async (response) => {
			// A server that ignores Range sends the whole resource: the part we want then starts at the offset (and what we
			// read up to its end must fit the limit too).
			const skip = range && response.status !== 206 ? range.offset : 0;
			const wanted = range ? range.length : maxBytes;
			if (skip + wanted > maxBytes || Number(response.headers['content-length']) > maxBytes) throw tooLarge(url, maxBytes);
			const { data } = await readLimited(response.body, skip + wanted + (range ? 0 : 1), timeoutMs, response.url);
			if (!range && data.length > maxBytes) throw tooLarge(url, maxBytes);
			return data.subarray(skip);
		},
		headers
	);
}

function tooLarge(url: string, maxBytes: number): StreamResolveError {
	return new StreamResolveError('too-large', `${url} is larger than ${Math.round(maxBytes / 1024)} KiB.`, url);
}
