import type { Readable } from 'node:stream';
import { HttpError } from '#lib/net/HttpError';

export interface LimitedRead {
	/** At most `maxBytes` bytes. */
	readonly data: Buffer;
	/** True when the stream ended within the limit: `data` is the whole body. */
	readonly complete: boolean;
}

/**
 * Reads a bounded prefix of a stream: resolves once `maxBytes` bytes arrived (anything beyond is pushed back onto the
 * stream, so a later read continues where this one stopped) or the stream ended. Rejects with an HttpError 'timeout'
 * when neither happens within `timeoutMs`, and 'network' when the stream fails.
 */
export function readLimited(stream: Readable, maxBytes: number, timeoutMs: number, url = ''): Promise<LimitedRead> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let length = 0;

		const finish = (settle: () => void) => {
			clearTimeout(timer);
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
			stream.off('close', onClose);
			settle();
		};
		const onReadable = () => {
			let chunk: Buffer | null;
			while (length < maxBytes && (chunk = stream.read() as Buffer | null) !== null) {
				const room = maxBytes - length;
				if (chunk.length > room) {
					stream.unshift(chunk.subarray(room));
					chunk = chunk.subarray(0, room);
				}
				chunks.push(chunk);
				length += chunk.length;
			}
			if (length >= maxBytes) finish(() => resolve({ data: Buffer.concat(chunks, length), complete: false }));
		};
		const onEnd = () => finish(() => resolve({ data: Buffer.concat(chunks, length), complete: true }));
		const onError = (error: Error) =>
			finish(() => reject(new HttpError('network', `The connection failed while reading: ${error.message}`, url, { cause: error })));
		// A destroyed stream (e.g. aborted) closes without 'end'.
		const onClose = () => {
			if (!stream.readableEnded) finish(() => reject(new HttpError('network', 'The connection closed before the body ended.', url)));
		};
		const timer = setTimeout(
			() => finish(() => reject(new HttpError('timeout', `No ${length === 0 ? 'data' : 'further data'} arrived within ${timeoutMs} ms.`, url))),
			timeoutMs
		);

		if (stream.readableEnded) {
			onEnd();
			return;
		}
		stream.on('readable', onReadable);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
		onReadable();
	});
}
