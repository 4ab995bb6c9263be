import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForExit } from './spawnSineEncoder.js';

/**
 * A live HLS station: ffmpeg encodes a sine tone in real time (`-re`) into 1 s MPEG-TS (AAC) segments with a sliding
 * playlist in a temp directory, served over HTTP on 127.0.0.1 at `/live.m3u8`. `stop()` ends ffmpeg and the server.
 */
export class LiveHlsEncoder {
	private constructor(
		private readonly encoder: ChildProcess,
		private readonly server: Server,
		private readonly directory: string
	) {}

	public get url(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/live.m3u8`;
	}

	public async stop(): Promise<void> {
		if (this.encoder.exitCode === null) this.encoder.kill('SIGKILL');
		await waitForExit(this.encoder as Parameters<typeof waitForExit>[0]);
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
		rmSync(this.directory, { recursive: true, force: true });
	}

	public static async start({ frequency }: { frequency: number }): Promise<LiveHlsEncoder> {
		const directory = mkdtempSync(join(tmpdir(), 'alastor-live-hls-'));
		const encoder = spawn(
			process.env.FFMPEG_PATH ?? 'ffmpeg',
			[
				...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:sample_rate=44100`],
				...['-ac', '2', '-c:a', 'aac', '-b:a', '96k', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '6'],
				...[
					'-hls_flags',
					'delete_segments+omit_endlist',
					'-hls_segment_filename',
					join(directory, 'seg%05d.ts'),
					join(directory, 'live.m3u8')
				]
			],
			{ stdio: 'ignore' }
		);
		const server = createServer((request, response) => {
			const name = new URL(request.url ?? '/', 'http://x').pathname.slice(1);
			const file = join(directory, name);
			if (!/^(live\.m3u8|seg\d+\.ts)$/.test(name) || !existsSync(file)) return void response.writeHead(404).end();
			const type = name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
			response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const hls = new LiveHlsEncoder(encoder, server, directory);
		// A station on air has a few segments listed.
		const deadline = Date.now() + 15_000;
		while (!existsSync(join(directory, 'seg00003.ts'))) {
			if (encoder.exitCode !== null || Date.now() > deadline) {
				await hls.stop();
				throw new Error('the live HLS encoder did not produce segments');
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		return hls;
	}
}
