import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHlsPlaylist } from '#lib/stations/hls/parseHlsPlaylist';
import { ffmpeg, RouteServer, run, tone } from '#support/streamFixtures';

export interface HlsRecordingOptions {
	readonly seconds: number;
	readonly frequency: number;
	/** MPEG-TS segments (AAC), or fragmented MP4 with an #EXT-X-MAP initialization section. */
	readonly segmentType: 'mpegts' | 'fmp4';
}

/** A sine tone cut into 1 s HLS segments by ffmpeg, read back into memory. `remove()` deletes the files. */
export interface HlsRecording {
	/** Segment file names in playlist order. */
	readonly names: readonly string[];
	/** File name → bytes, segments and (fMP4) the initialization section. */
	readonly files: ReadonlyMap<string, Buffer>;
	/** The initialization section's file name (fMP4 only). */
	readonly init: string | undefined;
	remove(): void;
}

export async function recordHls({ seconds, frequency, segmentType }: HlsRecordingOptions): Promise<HlsRecording> {
	const directory = mkdtempSync(join(tmpdir(), 'alastor-hls-'));
	const extension = segmentType === 'fmp4' ? 'm4s' : 'ts';
	const fmp4 = segmentType === 'fmp4' ? ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'] : [];
	await run(ffmpeg, [
		...tone(seconds, frequency),
		...['-c:a', 'aac', '-b:a', '64k', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', ...fmp4],
		...['-hls_segment_filename', join(directory, `seg%03d.${extension}`), join(directory, 'audio.m3u8')]
	]);
	const playlist = parseHlsPlaylist(readFileSync(join(directory, 'audio.m3u8'), 'utf8'), 'http://x/');
	if (playlist.type !== 'media') throw new Error('ffmpeg wrote a master playlist');
	const names = playlist.segments.map((segment) => new URL(segment.url).pathname.slice(1));
	const init = playlist.segments[0]?.init && new URL(playlist.segments[0].init.url).pathname.slice(1);
	const files = new Map([...names, ...(init ? [init] : [])].map((name) => [name, readFileSync(join(directory, name))]));
	return { names, files, init, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

export interface MediaPlaylistTextOptions {
	readonly firstSequence?: number;
	/** Adds #EXT-X-ENDLIST. Default true. */
	readonly ended?: boolean;
	/** URI of an #EXT-X-MAP initialization section. */
	readonly map?: string;
}

/** An HLS media playlist of 1 s segments `names`, target duration and media sequence filled in. */
export function mediaPlaylistText(names: readonly string[], { firstSequence = 0, ended = true, map }: MediaPlaylistTextOptions = {}): string {
	const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1', `#EXT-X-MEDIA-SEQUENCE:${firstSequence}`];
	if (map) lines.push(`#EXT-X-MAP:URI="${map}"`);
	for (const name of names) lines.push('#EXTINF:1.0,', name);
	if (ended) lines.push('#EXT-X-ENDLIST');
	return `${lines.join('\n')}\n`;
}

/**
 * Serves a recording over HTTP on 127.0.0.1: every file at `/<name>`, and `/live.m3u8` (and more with `live()`), a live playlist whose window of
 * `window` segments moves one segment on with every request, until it lists the last one with #EXT-X-ENDLIST. Extra
 * playlists can be added with `playlist()`. `requested` lists every path asked for, in order.
 */
export class LiveHlsServer {
	public readonly requested: string[] = [];

	private constructor(
		private readonly server: RouteServer,
		private readonly recording: HlsRecording,
		private readonly window: number
	) {
		for (const [name, data] of recording.files) this.file(`/${name}`, data);
		this.live('/live.m3u8');
	}

	/** Serves another live playlist of the recording at `path`, starting from its first segment. */
	public live(path: string): void {
		let reloads = 0;
		this.playlist(path, () => this.livePlaylist(reloads++));
	}

	/** Serves a segment or initialization section at `path`. */
	public file(path: string, data: Buffer): void {
		this.server.route(path, (_request, response) => {
			this.requested.push(path);
			response.writeHead(200, { 'content-type': path.endsWith('.ts') ? 'video/mp2t' : 'video/mp4' }).end(data);
		});
	}

	public url(path: string): string {
		return this.server.url(path);
	}

	/** Serves `text` (or what it returns, per request) as an HLS playlist at `path`. */
	public playlist(path: string, text: string | (() => string)): void {
		this.server.route(path, (_request, response) => {
			this.requested.push(path);
			response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(typeof text === 'string' ? text : text());
		});
	}

	/** A playlist of the recording's segments `names` (see mediaPlaylistText), with its initialization section if it has one. */
	public mediaPlaylist(names: readonly string[], { firstSequence = 0, ended = true } = {}): string {
		return mediaPlaylistText(names, { firstSequence, ended, map: this.recording.init });
	}

	public stop(): Promise<void> {
		return this.server.stop();
	}

	private livePlaylist(reload: number): string {
		const { names } = this.recording;
		const first = Math.min(reload, names.length - this.window);
		const listed = names.slice(first, first + this.window);
		return this.mediaPlaylist(listed, { firstSequence: first, ended: first + this.window >= names.length });
	}

	public static async start(recording: HlsRecording, { window = 3 } = {}): Promise<LiveHlsServer> {
		return new LiveHlsServer(await RouteServer.start(), recording, window);
	}
}
