import { Transform, type Readable } from 'node:stream';
import { httpGet, type HttpResponse } from '#lib/net/httpGet';
import { HlsStream } from '#lib/stations/hls/HlsStream';
import { IcyDemuxer } from '#lib/stations/nowPlaying/IcyDemuxer';
import type { TitleSource } from '#lib/stations/nowPlaying/NowPlaying';
import { OggTitleReader } from '#lib/stations/nowPlaying/OggTitleReader';
import type { IcyMetadata } from '#lib/stations/nowPlaying/parseIcyMetadata';
import type { PipelineInput } from '#lib/voice/StationPipeline';

export interface StationSourceOptions {
	readonly userAgent: string;
	readonly timeoutMs: number;
	/** Every song title the stream's bytes announce (ICY metadata, chained Ogg comments, HLS #EXTINF and ID3). */
	onTitle(title: string, source: TitleSource): void;
}

/** The bytes ffmpeg reads on stdin: `chain` piped in order into its stdin; `close()` drops the connection. */
export interface StationSource {
	readonly chain: readonly [Readable, ...(Readable | Transform)[]];
	/** How a failure of the chain is described in the log: 'stream connection' or 'HLS'. */
	readonly label: string;
	close(): void;
}

/**
 * Opens what a pipeline run reads: a direct stream (on `connection`, the one the preflight checked, or a new one) through
 * the ICY demuxer and, for Ogg, the chained-stream title reader; or HLS read by the bot ('hls-piped'). Null for HLS that
 * ffmpeg fetches itself. `connection` is closed when it is not used. Throws like httpGet, or a RangeError for an
 * icy-metaint the demuxer refuses (before ffmpeg exists, so the run fails like any other).
 */
export async function openStationSource(
	input: PipelineInput,
	connection: HttpResponse | undefined,
	options: StationSourceOptions
): Promise<StationSource | null> {
	if (input.kind !== 'direct') {
		connection?.close();
		if (input.kind === 'hls') return null;
		const hls = new HlsStream(input.url, {
			userAgent: options.userAgent,
			timeoutMs: options.timeoutMs,
			lookup: input.lookup,
			checkUrl: input.checkUrl,
			onTitle: (title) => options.onTitle(title, 'hls')
		});
		return { chain: [hls], label: 'HLS', close: () => hls.destroy() };
	}
	const response =
		connection ??
		(await httpGet(input.url, {
			headers: { 'icy-metadata': '1', 'user-agent': options.userAgent },
			timeoutMs: options.timeoutMs,
			lookup: input.lookup,
			checkUrl: input.checkUrl
		}));
	let demuxer: IcyDemuxer;
	try {
		demuxer = new IcyDemuxer(response.headers['icy-metaint']);
	} catch (error) {
		response.close();
		throw error;
	}
	demuxer.on('metadata', (metadata: IcyMetadata) => metadata.streamTitle && options.onTitle(metadata.streamTitle, 'icy'));
	const chain: [Readable, ...Transform[]] = [response.body, demuxer];
	if (input.container === 'ogg' || input.container === 'opus' || input.container === 'unknown') {
		const reader = new OggTitleReader((title) => options.onTitle(title, 'ogg'));
		chain.push(
			new Transform({
				transform(chunk: Buffer, _encoding, callback) {
					reader.push(chunk);
					callback(null, chunk);
				}
			})
		);
	}
	return { chain, label: 'stream connection', close: () => response.close() };
}
