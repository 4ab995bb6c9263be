import { once } from 'node:events';
import { request } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface IcyV1ServerOptions {
	/** The stream relayed to every listener (e.g. a TestStation mount or an Icecast mount). */
	readonly upstream: string;
	/** Sent as `content-type` (SHOUTcast v1 sends it as an ICY header); default the upstream's. */
	readonly contentType?: string;
	/** Default 'ICY 200 OK'. */
	readonly statusLine?: string;
	/** Send `Content-Type` missing altogether. */
	readonly omitContentType?: boolean;
}

const maxRequestHead = 8 * 1024;

/**
 * A SHOUTcast v1 style server on 127.0.0.1: it answers with the status line `ICY 200 OK` (which Node's HTTP parser
 * refuses) and `icy-*` headers, then relays an upstream stream, ICY metadata included when the listener asked for it
 * with `Icy-MetaData: 1`. Always `await server.stop()`.
 */
export class IcyV1Server {
	/** Request heads received, in order. */
	public readonly requests: string[] = [];
	private readonly sockets = new Set<Socket>();

	private constructor(
		private readonly server: Server,
		private readonly options: IcyV1ServerOptions
	) {
		server.on('connection', (socket) => this.accept(socket));
	}

	public url(path = '/;stream.mp3'): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private accept(socket: Socket): void {
		this.sockets.add(socket);
		socket.once('close', () => this.sockets.delete(socket));
		socket.on('error', () => undefined);
		let head = '';
		const onData = (chunk: Buffer) => {
			head += chunk.toString('latin1');
			if (head.length > maxRequestHead) socket.destroy();
			if (!head.includes('\r\n\r\n')) return;
			socket.off('data', onData);
			this.requests.push(head);
			this.relay(socket, /^icy-metadata:\s*1\s*$/im.test(head));
		};
		socket.on('data', onData);
	}

	private relay(socket: Socket, wantsMetadata: boolean): void {
		const upstream = request(this.options.upstream, { headers: wantsMetadata ? { 'icy-metadata': '1' } : {} }, (response) => {
			const lines = [this.options.statusLine ?? 'ICY 200 OK', 'icy-notice1:<BR>This stream requires Winamp<BR>', 'icy-name:Alastor v1 relay'];
			const contentType = this.options.contentType ?? response.headers['content-type'];
			if (!this.options.omitContentType && contentType) lines.push(`content-type:${contentType}`);
			lines.push('icy-pub:0', 'icy-br:128');
			if (response.headers['icy-metaint']) lines.push(`icy-metaint:${response.headers['icy-metaint'] as string}`);
			socket.write(`${lines.join('\r\n')}\r\n\r\n`);
			response.pipe(socket);
			socket.once('close', () => response.destroy());
		});
		upstream.on('error', () => socket.destroy());
		socket.once('close', () => upstream.destroy());
		upstream.end();
	}

	public static async start(options: IcyV1ServerOptions): Promise<IcyV1Server> {
		const server = createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return new IcyV1Server(server, options);
	}
}
