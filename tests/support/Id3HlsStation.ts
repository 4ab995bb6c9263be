import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { id3Tag, textFrame } from './id3.js';
import { ffmpeg, RouteServer, run, tone } from './streamFixtures.js';

const window = 4;

/**
 * A live HLS station on 127.0.0.1 in packed audio: 1 s ADTS (AAC) segments, each starting with an ID3 tag whose TIT2 and
 * TPE1 hold the song playing at that segment (HLS timed metadata; the #EXTINF lines carry no title). The live window
 * moves one segment a second, looping over a recorded tone. `setTitle` applies from the next new segment on.
 */
export class Id3HlsStation {
	private readonly startedAt = Date.now();
	/** From this media sequence number on, this title. */
	private readonly titles: { from: number; artist: string; title: string }[] = [];

	private constructor(
		private readonly server: RouteServer,
		private readonly segments: readonly Buffer[]
	) {
		server.route('/live.m3u8', (_request, response) => {
			const last = this.sequence();
			const first = Math.max(0, last - window + 1);
			const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:1', `#EXT-X-MEDIA-SEQUENCE:${first}`];
			for (let sequence = first; sequence <= last; sequence++) lines.push('#EXTINF:1.0,', `seg${sequence}.aac`);
			response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`${lines.join('\n')}\n`);
		});
		// Every segment URL a live window can list (an hour of them).
		for (let sequence = 0; sequence < 3600; sequence++) {
			server.route(`/seg${sequence}.aac`, (_request, response) => {
				const { artist, title } = this.titleAt(sequence);
				const tag = id3Tag(4, [textFrame(4, 'TIT2', title, 3), textFrame(4, 'TPE1', artist, 3)]);
				response.writeHead(200, { 'content-type': 'audio/aac' }).end(Buffer.concat([tag, this.segments[sequence % this.segments.length]!]));
			});
		}
	}

	public get url(): string {
		return this.server.url('/live.m3u8');
	}

	public setTitle(artist: string, title: string): void {
		this.titles.push({ from: this.sequence() + 1, artist, title });
	}

	public stop(): Promise<void> {
		return this.server.stop();
	}

	private sequence(): number {
		return window + Math.floor((Date.now() - this.startedAt) / 1000);
	}

	private titleAt(sequence: number): { artist: string; title: string } {
		return this.titles.filter((change) => change.from <= sequence).at(-1) ?? this.titles[0]!;
	}

	public static async start({ frequency, artist, title }: { frequency: number; artist: string; title: string }): Promise<Id3HlsStation> {
		const directory = mkdtempSync(join(tmpdir(), 'alastor-id3-hls-'));
		try {
			await run(ffmpeg, [
				...tone(20, frequency),
				...['-c:a', 'aac', '-b:a', '96k', '-f', 'segment', '-segment_time', '1', '-segment_format', 'adts', join(directory, 'seg%03d.aac')]
			]);
			// The segment muxer leaves a last segment of a few bytes (the tone's tail): no station sends such a segment.
			const segments = readdirSync(directory)
				.sort()
				.map((name) => readFileSync(join(directory, name)))
				.filter((segment) => segment.length > 1024);
			const station = new Id3HlsStation(await RouteServer.start(), segments);
			station.titles.push({ from: 0, artist, title });
			return station;
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	}
}
