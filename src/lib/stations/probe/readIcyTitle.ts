import { httpGet } from '#lib/net/httpGet';
import { IcyDemuxer } from '#lib/stations/nowPlaying/IcyDemuxer';
import type { IcyMetadata } from '#lib/stations/nowPlaying/parseIcyMetadata';

export interface IcyTitle {
	/** `icy-name`, when sent. */
	readonly name: string | null;
	/** StreamTitle of the first metadata block; null when the stream has no ICY metadata or none arrived in time. */
	readonly title: string | null;
}

/**
 * Connects with `Icy-MetaData: 1` and reads up to the first metadata block that carries a StreamTitle (servers such as
 * Icecast may send empty blocks until the title changes). Gives up after `timeoutMs`; network failures give nulls.
 */
export async function readIcyTitle(url: string, { timeoutMs, userAgent }: { timeoutMs: number; userAgent: string }): Promise<IcyTitle> {
	const signal = AbortSignal.timeout(timeoutMs);
	let response;
	try {
		response = await httpGet(url, { headers: { 'user-agent': userAgent, 'icy-metadata': '1' }, timeoutMs, signal });
	} catch {
		return { name: null, title: null };
	}
	const name = headerText(response.headers['icy-name']);
	const metaint = response.headers['icy-metaint'];
	if (metaint === undefined) {
		response.close();
		return { name, title: null };
	}
	try {
		const demuxer = new IcyDemuxer(metaint);
		const title = await new Promise<string | null>((resolve) => {
			const finish = (value: string | null) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			};
			const onAbort = () => finish(null);
			signal.addEventListener('abort', onAbort, { once: true });
			demuxer.on('metadata', (metadata: IcyMetadata) => {
				if (metadata.streamTitle !== undefined) finish(metadata.streamTitle);
			});
			demuxer.on('error', () => finish(null));
			response.body.on('error', () => finish(null));
			response.body.on('end', () => finish(null));
			// The audio itself is not needed.
			response.body.pipe(demuxer).resume();
		});
		return { name, title };
	} catch {
		return { name, title: null };
	} finally {
		response.close();
	}
}

function headerText(value: string | string[] | undefined): string | null {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	return text ? text : null;
}
