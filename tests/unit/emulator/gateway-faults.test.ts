import { expect } from 'chai';
import { DiscordEmulator, type EmulatedGuild, type GatewaySession } from '#emulator/index';
import { RawGatewayClient, type Payload } from './rawGatewayClient.js';

const intents = 1 << 0;

/** Gateway limits and faults at the protocol level, where each opcode and close code is visible. */
describe('Discord emulator gateway limits and faults', () => {
	let emu: DiscordEmulator;
	let guild: EmulatedGuild;
	const clients: RawGatewayClient[] = [];

	/** An identified raw client and its session, READY and GUILD_CREATE received. */
	async function connect(): Promise<{ client: RawGatewayClient; session: GatewaySession; ready: Payload }> {
		const client = await RawGatewayClient.identify(emu.gatewayUrl, emu.token, intents);
		clients.push(client);
		const ready = await client.next((payload) => payload.t === 'READY');
		await client.next((payload) => payload.t === 'GUILD_CREATE');
		return { client, session: emu.gateway.sessions.find((session) => session.id === ready.d.session_id)!, ready };
	}

	async function reconnect(): Promise<RawGatewayClient> {
		const client = await RawGatewayClient.connect(emu.gatewayUrl);
		clients.push(client);
		await client.next((payload) => payload.op === 10);
		return client;
	}

	beforeEach(async () => {
		emu = await DiscordEmulator.start({ gateway: { heartbeatIntervalMs: 5000 } });
		guild = emu.createGuild({ name: 'Limits' });
	});

	afterEach(async () => {
		for (const client of clients.splice(0)) client.close();
		await emu.stop();
	});

	it('GIVEN a limit of 5 commands per window WHEN a connection sends a sixth THEN it is closed with 4008, and each command is recorded with its arrival time', async () => {
		emu.gateway.options.commandLimit = { count: 5, windowMs: 60_000 };
		const { client, session } = await connect();
		for (let beat = 1; beat <= 4; beat++) client.send(1, beat);
		await client.next((payload) => payload.op === 11);
		expect(client.closeCode).to.equal(undefined);
		client.send(3, { since: null, activities: [], status: 'online', afk: false });
		expect(await client.closed()).to.equal(4008);
		expect(session.commands.map((command) => command.op)).to.deep.equal([2, 1, 1, 1, 1, 3]);
		expect(session.commands.every((command, index) => index === 0 || command.at >= session.commands[index - 1]!.at)).to.equal(true);
		expect(emu.gateway.rateLimitClosures.map((closure) => closure.sessionId)).to.deep.equal([session.id]);
	});

	it('GIVEN heartbeats no longer acknowledged WHEN the client heartbeats and an event happens THEN no ACK and no dispatch arrive, and RESUME on a new socket replays the event', async () => {
		const { client, session, ready } = await connect();
		const seen = session.sequence;
		session.stopHeartbeatAcks();
		const from = client.received.length;
		client.send(1, seen);
		const channel = guild.addTextChannel('while-zombie');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(client.received.slice(from)).to.deep.equal([]);

		client.close();
		const again = await reconnect();
		again.send(6, { token: emu.token, session_id: ready.d.session_id, seq: seen });
		expect((await again.next((payload) => payload.t === 'CHANNEL_CREATE')).d.id).to.equal(channel.id);
		await again.next((payload) => payload.t === 'RESUMED');
		again.send(1, session.sequence);
		await again.next((payload) => payload.op === 11);
	});

	it('GIVEN op 9 resumable WHEN the client resumes on the same socket THEN it gets what happened in between; op 9 not resumable ends the session', async () => {
		const { client, session, ready } = await connect();
		const seen = session.sequence;
		session.invalidate(true);
		expect((await client.next((payload) => payload.op === 9)).d).to.equal(true);
		guild.addTextChannel('in-between');
		client.send(6, { token: emu.token, session_id: ready.d.session_id, seq: seen });
		const from = client.received.findIndex((payload) => payload.op === 9);
		await client.next((payload) => payload.t === 'RESUMED', from);
		expect(client.events(from)).to.deep.equal(['CHANNEL_CREATE', 'RESUMED']);

		const beforeEnd = client.received.length;
		session.invalidate(false);
		expect((await client.next((payload) => payload.op === 9, beforeEnd)).d).to.equal(false);
		expect(session.ended).to.equal(true);
		const afterEnd = client.received.length;
		client.send(6, { token: emu.token, session_id: ready.d.session_id, seq: session.sequence });
		expect((await client.next((payload) => payload.op === 9, afterEnd)).d).to.equal(false);
	});

	it('GIVEN a RESUME with a sequence the session never reached THEN 4007 (invalid seq) and the session ends', async () => {
		const { session, ready } = await connect();
		session.close(4000);
		const again = await reconnect();
		again.send(6, { token: emu.token, session_id: ready.d.session_id, seq: session.sequence + 5 });
		expect(await again.closed()).to.equal(4007);
		expect(session.ended).to.equal(true);
	});

	it('GIVEN the client closes with 1000 THEN its session ends; closed with 4000 by Discord it stays resumable', async () => {
		const first = await connect();
		first.session.close(4000);
		await first.client.closed();
		expect(first.session.ended).to.equal(false);
		expect(first.session.connected).to.equal(false);

		const socket = await reconnect();
		socket.send(6, { token: emu.token, session_id: first.ready.d.session_id, seq: first.session.sequence });
		await socket.next((payload) => payload.t === 'RESUMED');
		socket.closeWith(1000);
		for (let waited = 0; !first.session.ended && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(first.session.endedBecause).to.equal('closed by the client with 1000');
		expect(emu.gateway.identified).to.equal(false);
	});

	it('GIVEN a bot process killed without closing WHEN a new one identifies the same shard THEN the left-behind session is superseded', async () => {
		const killed = await connect();
		killed.client.close();
		for (let waited = 0; killed.session.connected && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
		const restarted = await connect();
		expect(killed.session.ended).to.equal(true);
		expect(emu.gateway.sessions).to.deep.equal([restarted.session]);
		expect(emu.gateway.allSessions).to.deep.equal([killed.session, restarted.session]);
	});
});
