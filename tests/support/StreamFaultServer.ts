import type { ServerResponse } from 'node:http';
import { celtOgg, codecSwitch, undecodableAdts } from './codecFaults.js';
import { RouteServer, type AudioFixtures } from './streamFixtures.js';

export interface StreamFaultOptions {
	/** Real audio to build the codec faults from (makeAudioFixtures); without it those paths answer 404. */
	audio?: AudioFixtures;
	/** Pause between two bytes of /trickle.mp3 and /trickle-headers. Default 1,000 ms. */
	trickleIntervalMs?: number;
	/** Size of /huge.m3u. Default 50 MiB. */
	hugePlaylistBytes?: number;
	/** /endless-headers sends one header line of this many bytes… Default 1,024. */
	headerLineBytes?: number;
	/** …every this many ms, forever. Default 10. */
	headerIntervalMs?: number;
	/** Pace of the codec paths (/switch.mp3 …): bytes a second, as a live station sends them. Default 16,000 (128 kbit/s). */
	bytesPerSecond?: number;
}

/**
 * A station server that misbehaves on purpose, one fault per path (request counts in `requests`):
 *
 * - `/trickle.mp3`: 200 and audio/mpeg headers at once, then one byte of MP3 a second, forever.
 * - `/trickle-headers`: the status line and headers themselves, one byte a second.
 * - `/endless-headers`: `HTTP/1.1 200 OK`, then header lines without end (1 KiB every 10 ms); the blank line never comes.
 * - `/huge.m3u`: a 50 MiB M3U playlist (Content-Length given), generated as it is read.
 * - `/loop/a` ↔ `/loop/b`: 302 redirects to each other; `/loop/self`: 302 to itself; `/loop/playlist.m3u`: lists itself.
 * - `/undecodable.aac`: ADTS frames that sniff as AAC, with noise for payload: no frame decodes.
 * - `/celt.ogg`: a valid Ogg stream of CELT, which ffmpeg identifies but cannot decode.
 * - `/switch.mp3`: audio/mpeg that is MP3 for 2 s, then AAC (ADTS) on the same connection, at live pace.
 */
export class StreamFaultServer {
	private readonly options: Required<Omit<StreamFaultOptions, 'audio'>> & Pick<StreamFaultOptions, 'audio'>;

	private constructor(
		private readonly server: RouteServer,
		options: StreamFaultOptions
	) {
		this.options = {
			audio: options.audio,
			trickleIntervalMs: options.trickleIntervalMs ?? 1_000,
			hugePlaylistBytes: options.hugePlaylistBytes ?? 50 * 1024 * 1024,
			headerLineBytes: options.headerLineBytes ?? 1_024,
			headerIntervalMs: options.headerIntervalMs ?? 10,
			bytesPerSecond: options.bytesPerSecond ?? 16_000
		};
		this.addRoutes();
	}

	/** Requests received so far, on any path. */
	public get requests(): number {
		return this.server.requests;
	}

	public url(path: string): string {
		return this.server.url(path);
	}

	public stop(): Promise<void> {
		return this.server.stop();
	}

	/** Where /switch.mp3 turns from MP3 into AAC (byte offset of the body). */
	public get switchOffset(): number {
		return this.switchStream()?.switchAt ?? 0;
	}

	private addRoutes(): void {
		const { audio, trickleIntervalMs } = this.options;
		const { server } = this;
		server.route('/trickle.mp3', (_request, response) => {
			response.writeHead(200, { 'content-type': 'audio/mpeg', 'icy-name': 'Trickle FM', 'cache-control': 'no-cache' });
			response.flushHeaders();
			const bytes = audio?.mp3 ?? Buffer.from([0xff, 0xfb, 0x90, 0x64]);
			drip(response, (index) => Buffer.of(bytes[index % bytes.length]!), trickleIntervalMs);
		});
		server.route('/trickle-headers', (_request, response) => {
			const head = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nicy-name: Slow Headers FM\r\n\r\n', 'latin1');
			drip(response, (index) => (index < head.length ? head.subarray(index, index + 1) : undefined), trickleIntervalMs, true);
		});
		server.route('/endless-headers', (_request, response) => {
			const line = (index: number) => Buffer.from(`X-Filler-${index}: ${'a'.repeat(this.options.headerLineBytes)}\r\n`, 'latin1');
			response.socket?.write('HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\n');
			drip(response, line, this.options.headerIntervalMs, true);
		});
		server.route('/huge.m3u', (request, response) => this.sendHugePlaylist(response, request.method === 'HEAD'));
		const redirect = (location: string) => (_request: unknown, response: ServerResponse) => response.writeHead(302, { location }).end();
		server.route('/loop/a', redirect('/loop/b'));
		server.route('/loop/b', redirect(server.url('/loop/a')));
		server.route('/loop/self', redirect('/loop/self'));
		server.route('/loop/playlist.m3u', (_request, response) =>
			response.writeHead(200, { 'content-type': 'audio/x-mpegurl' }).end(`#EXTM3U\n${server.url('/loop/playlist.m3u')}\n`)
		);
		const paced = (path: string, contentType: string, body: () => Buffer | undefined) =>
			server.route(path, (_request, response) => {
				const bytes = body();
				if (!bytes) return void response.writeHead(404).end();
				response.writeHead(200, { 'content-type': contentType });
				this.pace(response, bytes);
			});
		paced('/undecodable.aac', 'audio/aac', () => (audio ? undecodableAdts(audio.aac) : undefined));
		paced('/celt.ogg', 'audio/ogg', () => celtOgg());
		paced('/switch.mp3', 'audio/mpeg', () => this.switchStream()?.body);
	}

	private switchStream() {
		const { audio } = this.options;
		return audio ? codecSwitch(audio.mp3, audio.aac) : undefined;
	}

	/** Sends `body` at `bytesPerSecond` in 100 ms slices, then ends (a live stream's pace, not a download's). */
	private pace(response: ServerResponse, body: Buffer): void {
		const slice = Math.max(1, Math.round(this.options.bytesPerSecond / 10));
		let offset = 0;
		const timer = setInterval(() => {
			response.write(body.subarray(offset, offset + slice));
			offset += slice;
			if (offset >= body.length) {
				clearInterval(timer);
				response.end();
			}
		}, 100);
		response.on('close', () => clearInterval(timer));
	}

	/** The M3U body is generated line by line as the client reads (backpressure), never held in memory. */
	private sendHugePlaylist(response: ServerResponse, headOnly: boolean): void {
		const size = this.options.hugePlaylistBytes;
		response.writeHead(200, { 'content-type': 'audio/x-mpegurl', 'content-length': String(size) });
		if (headOnly) return void response.end();
		let sent = 0;
		let line = 0;
		const lines = () => Array.from({ length: 256 }, () => `${this.server.url(`/entry/${++line}.mp3`)}\n`).join('');
		const write = () => {
			while (sent < size) {
				const chunk = Buffer.from(sent === 0 ? '#EXTM3U\n' : lines(), 'latin1').subarray(0, size - sent);
				sent += chunk.length;
				if (!response.write(chunk)) return void response.once('drain', write);
			}
			response.end();
		};
		write();
	}

	public static async start(options: StreamFaultOptions = {}): Promise<StreamFaultServer> {
		return new StreamFaultServer(await RouteServer.start(), options);
	}
}

/**
 * Writes `next(0)`, `next(1)`… one every `intervalMs` until `next` returns undefined or the client leaves. `raw` writes to
 * the socket itself, bypassing Node's HTTP response (for status lines and headers the server sends by hand).
 */
function drip(response: ServerResponse, next: (index: number) => Buffer | undefined, intervalMs: number, raw = false): void {
	let index = 0;
	const tick = () => {
		const chunk = next(index++);
		if (!chunk) return clearInterval(timer);
		if (raw) response.socket?.write(chunk);
		else response.write(chunk);
	};
	const timer = setInterval(tick, intervalMs);
	tick();
	response.on('close', () => clearInterval(timer));
}
