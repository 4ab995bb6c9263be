import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A station server on 127.0.0.1 built to make a resolver fan out, with every path generated (nothing to set up):
 *
 * - `/fan/<id>.m3u`: an M3U listing `width` entries `/fan/<id>-<n>.m3u`, each again such a playlist, without end.
 * - `/hop/<n>/<path>`: redirects to `/hop/<n-1>/<path>`, and at 0 to `/<path>`.
 * - `/fanhop/<id>.m3u`: like /fan, but every entry is reached through 5 redirects (the most a request may follow).
 * - `/hls/<id>.m3u8`: an HLS master playlist with `width` variants, each again such a master playlist.
 * - `/hang/...`: answers nothing, ever (the connection stays open until the client drops it).
 * - `/hanglist.m3u`: an M3U listing `width` entries under /hang.
 *
 * It counts the requests it receives and the connections still open, so tests can show what a resolution costs.
 */
export class HostileServer {
	/** Paths of every request received, in order. */
	public readonly requested: string[] = [];
	private readonly server: Server;
	private readonly sockets = new Set<unknown>();

	private constructor(private readonly width: number) {
		this.server = createServer((request, response) => this.handle(request, response));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	public get requests(): number {
		return this.requested.length;
	}

	/** Connections the client has not closed yet. */
	public get openConnections(): number {
		return this.sockets.size;
	}

	public url(path: string): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public async stop(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}

	private handle(request: IncomingMessage, response: ServerResponse): void {
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		this.requested.push(path);
		const entries = (make: (n: number) => string) => Array.from({ length: this.width }, (_, n) => make(n));

		let match: RegExpExecArray | null;
		if ((match = /^\/fan\/(.+)\.m3u$/.exec(path))) {
			const id = match[1];
			response.writeHead(200, { 'content-type': 'audio/x-mpegurl' }).end(`${entries((n) => `/fan/${id}-${n}.m3u`).join('\n')}\n`);
		} else if ((match = /^\/fanhop\/(.+)\.m3u$/.exec(path))) {
			const id = match[1];
			response.writeHead(200, { 'content-type': 'audio/x-mpegurl' }).end(`${entries((n) => `/hop/4/fanhop/${id}-${n}.m3u`).join('\n')}\n`);
		} else if ((match = /^\/hop\/(\d+)\/(.*)$/.exec(path))) {
			const left = Number(match[1]);
			response.writeHead(302, { location: left > 0 ? `/hop/${left - 1}/${match[2]}` : `/${match[2]}` }).end();
		} else if ((match = /^\/hls\/(.+)\.m3u8$/.exec(path))) {
			const id = match[1];
			const variants = entries((n) => `#EXT-X-STREAM-INF:BANDWIDTH=${96_000 + n},CODECS="mp4a.40.2"\n/hls/${id}-${n}.m3u8`);
			response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`#EXTM3U\n${variants.join('\n')}\n`);
		} else if (path === '/hanglist.m3u') {
			response.writeHead(200, { 'content-type': 'audio/x-mpegurl' }).end(`${entries((n) => `/hang/${n}.mp3`).join('\n')}\n`);
		} else if (!path.startsWith('/hang/')) {
			response.writeHead(404).end();
		}
	}

	public static async start(width = 50): Promise<HostileServer> {
		const server = new HostileServer(width);
		server.server.listen(0, '127.0.0.1');
		await once(server.server, 'listening');
		return server;
	}
}
