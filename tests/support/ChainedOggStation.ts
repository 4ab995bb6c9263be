import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { waitForExit } from './spawnSineEncoder.js';

type Song = ChildProcessByStdio<null, Readable, null>;

/**
 * A live Ogg/Opus station on 127.0.0.1 that plays songs of `songSeconds` back to back, each a new chained logical stream
 * (new serial number, headers and comments, as Icecast relays a source that starts each song afresh) whose comments hold
 * the `title` and `artist` current when it starts. A new listener gets the current song's header pages first, then its
 * pages from the next page boundary on. Always `await station.stop()`.
 */
export class ChainedOggStation {
	public title: string;
	public artist: string;
	/** Songs started so far. */
	public songs = 0;
	private song: Song | undefined;
	private headerPages: Buffer[] = [];
	private pending = Buffer.alloc(0);
	private readonly listeners = new Set<ServerResponse>();
	private stopped = false;

	private constructor(
		private readonly server: Server,
		private readonly options: { frequency: number; songSeconds: number }
	) {
		this.title = '';
		this.artist = '';
		server.on('request', (_request, response) => {
			response.writeHead(200, { 'content-type': 'audio/ogg', 'icy-name': 'Alastor Chained Ogg' });
			for (const page of this.headerPages) response.write(page);
			this.listeners.add(response);
			response.once('close', () => this.listeners.delete(response));
		});
	}

	public url(path = '/chained.opus'): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public async stop(): Promise<void> {
		this.stopped = true;
		const { song } = this;
		song?.kill('SIGKILL');
		if (song) await waitForExit(song);
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private nextSong(): void {
		if (this.stopped) return;
		this.songs++;
		this.headerPages = [];
		this.pending = Buffer.alloc(0);
		const song = spawn(
			process.env.FFMPEG_PATH ?? 'ffmpeg',
			[
				...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi'],
				...['-i', `sine=frequency=${this.options.frequency}:sample_rate=48000`, '-t', String(this.options.songSeconds), '-ac', '2'],
				...['-c:a', 'libopus', '-b:a', '64k', '-page_duration', '200000', '-serial_offset', String(this.songs * 1000)],
				...['-metadata', `title=${this.title}`, '-metadata', `artist=${this.artist}`, '-f', 'ogg', 'pipe:1']
			],
			{ stdio: ['ignore', 'pipe', 'ignore'] }
		);
		this.song = song;
		song.stdout.on('data', (chunk: Buffer) => this.pages(chunk));
		song.once('exit', () => {
			if (this.song === song) this.nextSong();
		});
	}

	/** Splits the song's output into pages: header pages (granule position 0) are kept for new listeners; all go to every listener. */
	private pages(chunk: Buffer): void {
		this.pending = Buffer.concat([this.pending, chunk]);
		while (this.pending.length >= 27) {
			const segments = this.pending[26]!;
			if (this.pending.length < 27 + segments) return;
			let length = 27 + segments;
			for (let index = 0; index < segments; index++) length += this.pending[27 + index]!;
			if (this.pending.length < length) return;
			const page = this.pending.subarray(0, length);
			this.pending = this.pending.subarray(length);
			if (page.readBigUInt64LE(6) === 0n) this.headerPages.push(page);
			for (const listener of this.listeners) listener.write(page);
		}
	}

	public static async start(options: { frequency: number; songSeconds: number; title: string; artist: string }): Promise<ChainedOggStation> {
		const server = createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const station = new ChainedOggStation(server, options);
		station.title = options.title;
		station.artist = options.artist;
		station.nextSong();
		return station;
	}
}
