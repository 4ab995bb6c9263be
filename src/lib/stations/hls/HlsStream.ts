import { Readable } from 'node:stream';
import { HlsTitleReader } from '#lib/stations/hls/HlsTitleReader';
import { readHlsSegments, type HlsReaderOptions } from '#lib/stations/hls/readHlsSegments';

export interface HlsStreamOptions extends Omit<HlsReaderOptions, 'onSegment'> {
	/** Song titles as segments pass (#EXTINF, ID3 timed metadata; see HlsTitleReader). */
	readonly onTitle?: (title: string) => void;
}

/**
 * An HLS stream as one continuous byte stream (MPEG-TS, ADTS or fMP4 pieces back to back, which ffmpeg reads from a
 * pipe), fetched by us through the URL safety hooks: see readHlsSegments. Segments are read chunk by chunk and only as
 * fast as the reader takes them (its backpressure reaches the server through TCP), so memory holds a few chunks, never a
 * whole segment. `destroy()` aborts whatever request is in flight; a
 * failure destroys the stream with the StreamResolveError; the end of a finished (#EXT-X-ENDLIST) playlist ends it.
 */
export class HlsStream extends Readable {
	private readonly abort = new AbortController();
	private readonly segments: AsyncGenerator<Buffer, void, undefined>;
	private pulling = false;
	private readonly titles: HlsTitleReader | null;

	public constructor(playlistUrl: string, { onTitle, ...options }: HlsStreamOptions = {}) {
		super();
		const signal = options.signal ? AbortSignal.any([options.signal, this.abort.signal]) : this.abort.signal;
		const titles = onTitle ? new HlsTitleReader(onTitle) : null;
		this.titles = titles;
		this.segments = readHlsSegments(playlistUrl, { ...options, signal, ...(titles && { onSegment: (segment) => titles.startSegment(segment) }) });
	}

	public override _read(): void {
		if (this.pulling) return;
		this.pulling = true;
		void this.pull();
	}

	public override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.abort.abort(new Error('HLS stream closed'));
		this.segments.return(undefined).catch(() => undefined);
		callback(error);
	}

	private async pull(): Promise<void> {
		try {
			for (;;) {
				const { done, value } = await this.segments.next();
				if (this.destroyed) return;
				if (done) {
					this.push(null);
					return;
				}
				this.titles?.push(value);
				if (!this.push(value)) return;
			}
		} catch (error) {
			if (!this.destroyed) this.destroy(error as Error);
		} finally {
			this.pulling = false;
		}
	}
}
