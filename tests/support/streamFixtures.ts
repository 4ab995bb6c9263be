import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestStation } from '#support/TestStation';

export const run = promisify(execFile);
export const ffmpeg = process.env.FFMPEG_PATH ?? 'ffmpeg';
/** ffmpeg arguments for a stereo sine input of `seconds`; the caller adds the codec and the output. */
export const tone = (seconds: number, frequency = 440) => [
	'-hide_banner',
	'-loglevel',
	'error',
	'-nostdin',
	'-f',
	'lavfi',
	'-i',
	`sine=frequency=${frequency}:duration=${seconds}:sample_rate=44100`,
	'-ac',
	'2'
];

/** Small audio files made by ffmpeg at test time, in a temp directory. `remove()` deletes them. */
export interface AudioFixtures {
	readonly directory: string;
	/** MP3 frames only: no ID3 tag and no Xing header, so sniffing must find the frame syncs. */
	readonly mp3: Buffer;
	readonly aac: Buffer;
	readonly opus: Buffer;
	readonly vorbis: Buffer;
	/** Directory holding `audio.m3u8` and its `.ts` segments (AAC, 1 s each). */
	readonly hlsDirectory: string;
	remove(): void;
}

export async function makeAudioFixtures(): Promise<AudioFixtures> {
	const directory = mkdtempSync(join(tmpdir(), 'alastor-resolve-'));
	const hlsDirectory = join(directory, 'hls');
	const file = (name: string) => join(directory, name);
	await Promise.all([
		run(ffmpeg, [...tone(2), '-c:a', 'libmp3lame', '-b:a', '128k', '-id3v2_version', '0', '-write_xing', '0', '-f', 'mp3', file('tone.mp3')]),
		run(ffmpeg, [...tone(2), '-c:a', 'aac', '-b:a', '96k', '-f', 'adts', file('tone.aac')]),
		run(ffmpeg, [...tone(2), '-ar', '48000', '-c:a', 'libopus', '-b:a', '64k', '-f', 'ogg', file('tone.opus')]),
		run(ffmpeg, [...tone(2), '-c:a', 'libvorbis', '-f', 'ogg', file('tone.ogg')])
	]);
	mkdirSync(hlsDirectory);
	await run(ffmpeg, [
		...tone(4),
		'-c:a',
		'aac',
		'-b:a',
		'64k',
		'-f',
		'hls',
		'-hls_time',
		'1',
		'-hls_list_size',
		'0',
		'-hls_segment_filename',
		join(hlsDirectory, 'seg%03d.ts'),
		join(hlsDirectory, 'audio.m3u8')
	]);
	return {
		directory,
		mp3: readFileSync(file('tone.mp3')),
		aac: readFileSync(file('tone.aac')),
		opus: readFileSync(file('tone.opus')),
		vorbis: readFileSync(file('tone.ogg')),
		hlsDirectory,
		remove: () => rmSync(directory, { recursive: true, force: true })
	};
}

/** Serves every file of `directory` on the station under `prefix` (e.g. '/hls/'). */
export function serveDirectory(station: TestStation, directory: string, prefix: string): void {
	for (const name of readdirSync(directory)) {
		const contentType = name.endsWith('.m3u8')
			? 'application/vnd.apple.mpegurl'
			: name.endsWith('.ts')
				? 'video/mp2t'
				: 'application/octet-stream';
		station.serve(`${prefix}${name}`, { contentType, body: readFileSync(join(directory, name)) });
	}
}

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A plain HTTP server on 127.0.0.1 with one handler per path (404 otherwise), for behaviour TestStation does not offer. */
export class RouteServer {
	/** Requests received so far, on any path. */
	public requests = 0;
	private readonly routes = new Map<string, Route>();
	private readonly server: Server;

	private constructor() {
		this.server = createServer((request, response) => {
			this.requests++;
			const route = this.routes.get(new URL(request.url ?? '/', 'http://x').pathname);
			if (route) route(request, response);
			else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
		});
	}

	public url(path: string): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public route(path: string, handler: Route): this {
		this.routes.set(path, handler);
		return this;
	}

	public async stop(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}

	public static async start(): Promise<RouteServer> {
		const server = new RouteServer();
		server.server.listen(0, '127.0.0.1');
		await once(server.server, 'listening');
		return server;
	}
}

/** A URL nothing listens on: the connection is refused. */
export async function deadUrl(path = '/dead.mp3'): Promise<string> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}${path}`;
}
