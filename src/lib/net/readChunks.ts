import type { Readable } from 'node:stream';
import { HttpError } from '#lib/net/HttpError';

/**
 * The chunks of a stream as they arrive, without collecting them: it reads only when asked for the next chunk, so a
 * slow consumer holds the stream (and through TCP, the server) back instead of piling data up in memory. Fails with an
 * HttpError 'timeout' when no data arrives within `timeoutMs` of being asked for, and 'network' when the stream fails or
 * is destroyed (e.g. aborted) before its end. Time spent by the consumer between chunks does not count.
 */
export async function* readChunks(stream: Readable, timeoutMs: number, url = ''): AsyncGenerator<Buffer, void, undefined> {
	for (;;) {
		const chunk = stream.read() as Buffer | null;
		if (chunk !== null) {
			yield chunk;
			continue;
		}
		if (stream.readableEnded) return;
		if (!(await moreData(stream, timeoutMs, url))) return;
	}
}

/** Waits until the stream has data (true) or ends (false). */
function moreData(stream: Readable, timeoutMs: number, url: string): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const finish = (settle: () => void) => {
			clearTimeout(timer);
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
			stream.off('close', onClose);
			settle();
		};
		const onReadable = () => finish(() => resolve(true));
		const onEnd = () => finish(() => resolve(false));
		const onError = (error: Error) =>
			finish(() => reject(new HttpError('network', `The connection failed while reading: ${error.message}`, url, { cause: error })));
		// A destroyed stream (e.g. aborted) closes without 'end'.
		const onClose = () => {
			if (!stream.readableEnded) finish(() => reject(new HttpError('network', 'The connection closed before the body ended.', url)));
		};
		const timer = setTimeout(() => finish(() => reject(new HttpError('timeout', `No data arrived within ${timeoutMs} ms.`, url))), timeoutMs);
		stream.on('readable', onReadable);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
		if (stream.destroyed) onClose();
	});
}
