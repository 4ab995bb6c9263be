import { expect } from 'chai';
import { once } from 'node:events';
import { createServer, type AddressInfo, type LookupFunction, type Server, type Socket } from 'node:net';
import { httpGet } from '#lib/net/httpGet';
import { readLimited } from '#lib/net/readLimited';
import { RequestBudget } from '#lib/net/RequestBudget';
import { httpError } from '#support/httpError';

/** A TCP server that answers each request with the raw bytes its handler writes: what Node's HTTP server cannot send. */
class RawServer {
	public readonly heads: string[] = [];
	private constructor(
		private readonly server: Server,
		private readonly sockets: Set<Socket>
	) {}

	public url(path = '/stream'): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	public static async start(answer: (socket: Socket, path: string) => void): Promise<RawServer> {
		const sockets = new Set<Socket>();
		const server = createServer();
		const raw = new RawServer(server, sockets);
		server.on('connection', (socket) => {
			sockets.add(socket);
			socket.on('error', () => undefined);
			socket.once('close', () => sockets.delete(socket));
			let head = '';
			const onData = (chunk: Buffer) => {
				head += chunk.toString('latin1');
				if (!head.includes('\r\n\r\n')) return;
				socket.off('data', onData);
				raw.heads.push(head);
				answer(socket, head.split(' ')[1] ?? '/');
			};
			socket.on('data', onData);
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return raw;
	}
}

const icyHead =
	'ICY 200 OK\r\nicy-notice1:<BR>This stream requires Winamp<BR>\r\nicy-name:V1 Radio\r\ncontent-type:audio/mpeg\r\nicy-metaint:8192\r\n\r\n';

describe('httpGet and SHOUTcast v1 (ICY status line)', () => {
	let server: RawServer;
	before(async () => {
		server = await RawServer.start((socket, path) => {
			switch (path) {
				case '/stream':
					socket.end(`${icyHead}${'a'.repeat(100)}`);
					break;
				case '/split':
					// The status line arrives a byte at a time.
					void (async () => {
						for (const byte of `${icyHead}body!`) {
							socket.write(byte);
							await new Promise((resolve) => setTimeout(resolve, 1));
						}
						socket.end();
					})();
					break;
				case '/missing':
					socket.end('ICY 404 Resource Not Found\r\n\r\n');
					break;
				case '/moved':
					socket.end('ICY 302 Found\r\nlocation: /stream\r\n\r\n');
					break;
				case '/huge-head':
					socket.end(`ICY 200 OK\r\n${'x-filler: 0123456789012345678901234567890123456789\r\n'.repeat(1_000)}\r\nbody`);
					break;
				case '/not-icy':
					socket.end('ICX 200 OK\r\ncontent-type: audio/mpeg\r\n\r\nbody');
					break;
				case '/chunked':
					socket.end(
						'HTTP/1.1 200 OK\r\ncontent-type: audio/mpeg\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n'
					);
					break;
				default:
					socket.end('HTTP/1.0 404 Not Found\r\n\r\n');
			}
		});
	});
	after(() => server.stop());

	it('GIVEN a server answering ICY 200 OK with icy headers WHEN fetched THEN it is a 200 whose headers and body (until close) are read', async () => {
		const response = await httpGet(server.url('/stream'));
		expect(response.status).to.equal(200);
		expect(response.headers['icy-metaint']).to.equal('8192');
		expect(response.headers['content-type']).to.equal('audio/mpeg');
		expect(response.headers['icy-name']).to.equal('V1 Radio');
		const body = await readLimited(response.body, 1_000, 5_000);
		expect(body.data.toString()).to.equal('a'.repeat(100));
		expect(body.complete).to.equal(true);
	});

	it('GIVEN the ICY status line arrives one byte at a time WHEN fetched THEN it is still read as a 200', async () => {
		const response = await httpGet(server.url('/split'));
		expect(response.status).to.equal(200);
		expect((await readLimited(response.body, 100, 5_000)).data.toString()).to.equal('body!');
	});

	it('GIVEN ICY 404 WHEN fetched THEN it fails with http-status 404 like any HTTP error', async () => {
		const error = await httpError(httpGet(server.url('/missing')));
		expect(error.reason).to.equal('http-status');
		expect(error.status).to.equal(404);
	});

	it('GIVEN an ICY redirect WHEN fetched THEN the hop goes through checkUrl, the pinned lookup and the request budget', async () => {
		const checked: string[] = [];
		const looked: string[] = [];
		// A name only this lookup knows: the connection can only reach the server through it (as URL safety pins addresses).
		const lookup: LookupFunction = (hostname, options, callback) => {
			looked.push(hostname);
			if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
			else callback(null, '127.0.0.1', 4);
		};
		const budget = new RequestBudget(5);
		const url = server.url('/moved').replace('127.0.0.1', 'icy-station.invalid');
		const response = await httpGet(url, { checkUrl: (hop) => void checked.push(hop.pathname), lookup, budget });
		response.close();
		expect(response.status).to.equal(200);
		expect(checked).to.deep.equal(['/moved', '/stream']);
		expect(looked).to.deep.equal(['icy-station.invalid', 'icy-station.invalid']);
		expect(budget.spent).to.equal(2);
		const refused = await httpError(httpGet(server.url('/moved'), { budget: new RequestBudget(1) }));
		expect(refused.reason).to.equal('too-many-requests');
	});

	it('GIVEN an ICY response whose headers exceed the header size limit WHEN fetched THEN it is refused as HTTP would be', async () => {
		const error = await httpError(httpGet(server.url('/huge-head')));
		expect(error.reason).to.equal('network');
	});

	it('GIVEN a status line that only looks like ICY WHEN fetched THEN it is refused', async () => {
		const error = await httpError(httpGet(server.url('/not-icy')));
		expect(error.reason).to.equal('network');
	});

	it('GIVEN an HTTP/1.1 chunked response WHEN fetched THEN it is de-chunked as before', async () => {
		const response = await httpGet(server.url('/chunked'));
		expect((await readLimited(response.body, 100, 5_000)).data.toString()).to.equal('hello world');
	});
});
