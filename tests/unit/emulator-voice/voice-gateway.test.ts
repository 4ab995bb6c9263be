import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { caCertPath, VoiceServer, type VoicePayload } from '#emulator/voice/index';

const identity = { guildId: '1', channelId: '2', userId: '3', sessionId: 'abc' };

/** A scripted voice gateway client speaking raw v8 JSON. */
class RawVoiceClient {
	public readonly received: VoicePayload[] = [];
	private readonly waiters: { op: number; resolve: (payload: VoicePayload) => void }[] = [];

	private constructor(public readonly socket: WebSocket) {
		socket.on('message', (data) => {
			const payload = JSON.parse(String(data)) as VoicePayload;
			this.received.push(payload);
			for (const waiter of this.waiters.filter((candidate) => candidate.op === payload.op)) {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				waiter.resolve(payload);
			}
		});
	}

	public send(op: number, d: unknown): void {
		this.socket.send(JSON.stringify({ op, d }));
	}

	public next(op: number): Promise<VoicePayload> {
		const seen = this.received.find((payload) => payload.op === op);
		if (seen) {
			this.received.splice(this.received.indexOf(seen), 1);
			return Promise.resolve(seen);
		}
		return new Promise((resolve) => this.waiters.push({ op, resolve }));
	}

	public async closeCode(): Promise<number> {
		if (this.socket.readyState === WebSocket.CLOSED) throw new Error('already closed');
		const [code] = (await once(this.socket, 'close')) as [number];
		return code;
	}

	public static async connect(server: VoiceServer, query = '?v=8'): Promise<RawVoiceClient> {
		const socket = new WebSocket(`wss://${server.endpoint}/${query}`, { ca: readFileSync(caCertPath) });
		const client = new RawVoiceClient(socket);
		await once(socket, 'open');
		return client;
	}
}

describe('voice emulator gateway protocol (raw v8 client)', () => {
	let server: VoiceServer;
	const clients: RawVoiceClient[] = [];
	const connect = async (query?: string) => {
		const client = await RawVoiceClient.connect(server, query);
		clients.push(client);
		return client;
	};

	beforeEach(async () => {
		server = await VoiceServer.start({ heartbeatIntervalMs: 5_000 });
	});

	afterEach(async () => {
		for (const client of clients.splice(0)) client.socket.terminate();
		await server.stop();
	});

	it('GIVEN a new socket WHEN it opens THEN HELLO carries the heartbeat interval, and a heartbeat is acknowledged with its nonce', async () => {
		const client = await connect();
		expect((await client.next(8)).d).to.deep.equal({ v: 8, heartbeat_interval: 5_000 });
		client.send(3, { t: 1234, seq_ack: -1 });
		expect((await client.next(6)).d).to.deep.equal({ t: 1234 });
	});

	it('GIVEN an expected session WHEN the client identifies with a wrong token THEN the socket closes with 4004', async () => {
		server.expectSession(identity);
		const client = await connect();
		const closed = client.closeCode();
		client.send(0, { server_id: '1', user_id: '3', session_id: 'abc', token: 'wrong', max_dave_protocol_version: 1 });
		expect(await closed).to.equal(4004);
	});

	it('GIVEN an expected session WHEN the client identifies for another user THEN the socket closes with 4004', async () => {
		const { token } = server.expectSession(identity);
		const client = await connect();
		const closed = client.closeCode();
		client.send(0, { server_id: '1', user_id: '999', session_id: 'abc', token, max_dave_protocol_version: 0 });
		expect(await closed).to.equal(4004);
	});

	it('GIVEN a socket without ?v=8 WHEN it opens THEN it is closed', async () => {
		const client = await connect('?v=4');
		expect(await client.closeCode()).to.be.greaterThanOrEqual(4000);
	});

	it('GIVEN a valid IDENTIFY WHEN the handshake runs THEN READY, IP discovery and SESSION_DESCRIPTION follow with rising seq numbers', async () => {
		const { token } = server.expectSession(identity);
		const client = await connect();
		client.send(0, { server_id: '1', user_id: '3', session_id: 'abc', token, max_dave_protocol_version: 1 });
		const ready = await client.next(2);
		const { ssrc, ip, port, modes } = ready.d as { ssrc: number; ip: string; port: number; modes: string[] };
		expect(ip).to.equal('127.0.0.1');
		expect(modes).to.deep.equal(['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize']);

		const udp = createSocket('udp4');
		try {
			udp.bind(0, '127.0.0.1');
			await once(udp, 'listening');
			const request = Buffer.alloc(74);
			request.writeUInt16BE(1, 0);
			request.writeUInt16BE(70, 2);
			request.writeUInt32BE(ssrc, 4);
			udp.send(request, port, ip);
			const [response] = (await once(udp, 'message')) as [Buffer];
			expect(response.length).to.equal(74);
			expect(response.readUInt16BE(0)).to.equal(2);
			expect(response.readUInt32BE(4)).to.equal(ssrc);
			expect(response.subarray(8, response.indexOf(0, 8)).toString()).to.equal('127.0.0.1');
			expect(response.readUInt16BE(72)).to.equal(udp.address().port);
		} finally {
			udp.close();
		}

		client.send(1, { protocol: 'udp', data: { address: '127.0.0.1', port: 5000, mode: 'aead_aes256_gcm_rtpsize' } });
		const description = await client.next(4);
		const d = description.d as { mode: string; secret_key: number[]; dave_protocol_version: number };
		expect(d.mode).to.equal('aead_aes256_gcm_rtpsize');
		expect(d.secret_key).to.have.length(32);
		expect(d.dave_protocol_version).to.equal(0);
		expect(description.seq).to.be.greaterThan(ready.seq!);
		expect(server.sessionFor('1')?.state).to.equal('ready');
	});

	it('GIVEN a ready session WHEN the client selects a mode the server did not offer THEN the socket closes with 4016', async () => {
		const { token } = server.expectSession(identity);
		const client = await connect();
		client.send(0, { server_id: '1', user_id: '3', session_id: 'abc', token, max_dave_protocol_version: 0 });
		await client.next(2);
		const closed = client.closeCode();
		client.send(1, { protocol: 'udp', data: { address: '127.0.0.1', port: 5000, mode: 'xsalsa20_poly1305' } });
		expect(await closed).to.equal(4016);
	});

	it('GIVEN a session closed with 4015 WHEN the client resumes THEN RESUMED arrives; after endSession a resume is refused with 4006', async () => {
		const { token } = server.expectSession(identity);
		const first = await connect();
		first.send(0, { server_id: '1', user_id: '3', session_id: 'abc', token, max_dave_protocol_version: 0 });
		const ready = await first.next(2);
		const session = server.sessionFor('1')!;
		const firstClosed = first.closeCode();
		session.close(4015);
		expect(await firstClosed).to.equal(4015);

		const second = await connect();
		second.send(7, { server_id: '1', session_id: 'abc', token, seq_ack: ready.seq });
		expect((await second.next(9)).seq).to.be.greaterThan(ready.seq!);
		expect(session.resumes).to.equal(1);

		server.endSession('1');
		const third = await connect();
		const thirdClosed = third.closeCode();
		third.send(7, { server_id: '1', session_id: 'abc', token, seq_ack: ready.seq });
		expect(await thirdClosed).to.equal(4006);
	});
});
