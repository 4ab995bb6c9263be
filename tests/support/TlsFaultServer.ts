import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * - 'untrusted': a working HTTPS station whose certificate no client trusts (self-signed): the handshake fails on the client.
 * - 'reset': reads the client's TLS ClientHello, then resets the connection (TCP RST) mid-handshake.
 * - 'plaintext': answers the ClientHello with plain HTTP, as a misconfigured port does ("wrong version number").
 */
export type TlsFault = 'untrusted' | 'reset' | 'plaintext';

// Compiled to dist/tests/support/: the PEM files stay in the source tree.
const tlsFolder = new URL('../../../tests/support/tls/', import.meta.url);

/** A server on 127.0.0.1 whose TLS fails in one way; `url()` is https. `handshakes` counts the connections it took. */
export class TlsFaultServer {
	public handshakes = 0;
	private readonly sockets = new Set<Socket>();

	private constructor(
		public readonly fault: TlsFault,
		private readonly server: Server
	) {
		server.on('connection', (socket: Socket) => {
			this.handshakes++;
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	public url(path = '/stream.mp3'): string {
		return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public async stop(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	public static async start(fault: TlsFault): Promise<TlsFaultServer> {
		const server = fault === 'untrusted' ? untrustedStation() : rawServer(fault);
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return new TlsFaultServer(fault, server);
	}
}

function untrustedStation(): Server {
	const material = {
		cert: readFileSync(fileURLToPath(new URL('untrusted-cert.pem', tlsFolder))),
		key: readFileSync(fileURLToPath(new URL('untrusted-key.pem', tlsFolder)))
	};
	return createHttpsServer(material, (_request, response) => response.writeHead(200, { 'content-type': 'audio/mpeg' }).end(Buffer.alloc(4096)));
}

const plainHttpBody = 'This is an HTTP port, not an HTTPS one.\r\n';
const plainHttpAnswer = `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(plainHttpBody)}\r\nConnection: close\r\n\r\n${plainHttpBody}`;

function rawServer(fault: 'reset' | 'plaintext'): Server {
	return createTcpServer((socket) => {
		socket.on('error', () => undefined);
		// The first bytes of a TLS connection are the client's ClientHello record (content type 0x16).
		socket.once('data', () => {
			if (fault === 'reset') socket.resetAndDestroy();
			else socket.end(plainHttpAnswer);
		});
	});
}
