import { expect } from 'chai';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { once } from 'node:events';
import { DiscordEmulator, type EmulatedGuild, type GatewaySession } from '#emulator/index';

/**
 * Gateway faults injected while a real discord.js client is connected: after each one the client must resume (or identify
 * again when the session is gone) and end up with every event the emulator sent in the meantime.
 */
describe('Discord emulator gateway faults with a real discord.js client', () => {
	let emu: DiscordEmulator;
	let guild: EmulatedGuild;
	let client: Client;
	let created = 0;

	/** Creates `count` text channels in one go (a burst of CHANNEL_CREATE) and returns their ids. */
	function burst(count: number): string[] {
		return Array.from({ length: count }, () => guild.addTextChannel(`burst-${++created}`).id);
	}

	/** Resolves once the client's cache holds every one of the channels. */
	async function clientSees(channelIds: string[]): Promise<void> {
		const missing = () => channelIds.filter((id) => !client.channels.cache.has(id));
		for (let waited = 0; missing().length > 0; waited += 20) {
			if (waited > 15_000) throw new Error(`the client never got channels ${missing().join(', ')}`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	function current(): GatewaySession {
		return emu.gateway.session!;
	}

	before(async () => {
		// A 1 s heartbeat lets discord.js notice a zombie connection within 2 s (Discord's 41.25 s would take a minute).
		emu = await DiscordEmulator.start({ gateway: { heartbeatIntervalMs: 1000 } });
		guild = emu.createGuild({ name: 'Faulty' });
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
		const ready = once(client, Events.ClientReady);
		await client.login(emu.token);
		await ready;
	});

	after(async () => {
		await client?.destroy();
		await emu?.stop();
	});

	afterEach(async () => {
		// Each test leaves a connected, working session behind for the next one.
		await clientSees(burst(1));
	});

	it('GIVEN op 7 RECONNECT WHEN events happen after discord.js closed the socket THEN discord.js resumes the same session and gets them replayed', async () => {
		const session = current();
		const resumed = once(emu.gateway, 'resumed');
		const disconnected = once(emu.gateway, 'disconnected');
		session.reconnect();
		await disconnected;
		const channels = burst(3);
		await resumed;
		await clientSees(channels);
		expect(current()).to.equal(session);
		expect(session.disconnects).to.deep.include({ at: session.disconnects[0]!.at, code: 4200, byServer: false });
		expect(session.resumes.map((resume) => resume.replayed)).to.deep.equal([3]);
	});

	it('GIVEN op 9 resumable WHEN events happen before the resume THEN discord.js resumes on the same socket and gets them replayed', async () => {
		const session = current();
		const { socket } = session;
		const resumes = session.resumes.length;
		const resumed = once(emu.gateway, 'resumed');
		session.invalidate(true);
		const channels = burst(3);
		await resumed;
		await clientSees(channels);
		expect(session.resumes).to.have.lengthOf(resumes + 1);
		expect(session.resumes.at(-1)!.replayed).to.equal(3);
		expect(session.socket).to.equal(socket);
	});

	it('GIVEN op 9 not resumable WHEN a channel is created meanwhile THEN discord.js identifies a new session whose GUILD_CREATE carries it', async () => {
		const old = current();
		const identified = once(emu.gateway, 'ready');
		old.invalidate(false);
		const channels = burst(2);
		const [fresh] = (await identified) as [GatewaySession];
		await clientSees(channels);
		expect(fresh.id).to.not.equal(old.id);
		expect(old.ended).to.equal(true);
		expect(emu.gateway.sessions).to.deep.equal([fresh]);
	});

	it('GIVEN heartbeats no longer acknowledged (a zombie connection) WHEN events are lost on it THEN discord.js closes it, resumes and gets them replayed', async () => {
		const session = current();
		const resumes = session.resumes.length;
		const resumed = once(emu.gateway, 'resumed');
		session.stopHeartbeatAcks();
		const channels = burst(3);
		await resumed;
		await clientSees(channels);
		// @discordjs/ws closes a zombie with its own code 4200 ("resuming") and resumes.
		expect(session.disconnects.at(-1)).to.include({ code: 4200, byServer: false });
		expect(session.resumes).to.have.lengthOf(resumes + 1);
		expect(session.resumes.at(-1)!.replayed).to.be.at.least(3);
	});

	for (const code of [4000, 1006]) {
		it(`GIVEN the socket closed with ${code} WHEN events happen while it is down THEN discord.js resumes and gets them replayed`, async () => {
			const session = current();
			const resumed = once(emu.gateway, 'resumed');
			session.close(code);
			const channels = burst(2);
			await resumed;
			await clientSees(channels);
			expect(session.disconnects.at(-1)).to.include({ code, byServer: true });
			expect(current()).to.equal(session);
			expect(session.resumes.at(-1)!.replayed).to.equal(2);
		});
	}

	it('GIVEN a close right after the second of six dispatches WHEN discord.js resumes THEN exactly the four it missed are replayed, without a new IDENTIFY', async () => {
		const session = current();
		const identifies = emu.gateway.identifies.length;
		const resumed = once(emu.gateway, 'resumed');
		session.closeAfterDispatches(2, 4000);
		const channels = burst(6);
		await resumed;
		await clientSees(channels);
		expect(session.resumes.at(-1)!.replayed).to.equal(4);
		expect(emu.gateway.identifies).to.have.lengthOf(identifies);
		expect(current()).to.equal(session);
	});

	it('GIVEN the socket closed with 4009 (session timed out) WHEN discord.js tries to resume THEN it gets op 9 and identifies a new session with the current state', async () => {
		const old = current();
		const from = emu.gateway.received.length;
		const identified = once(emu.gateway, 'ready');
		old.close(4009);
		const channels = burst(2);
		const [fresh] = (await identified) as [GatewaySession];
		await clientSees(channels);
		expect(old.ended).to.equal(true);
		expect(fresh.id).to.not.equal(old.id);
		// discord.js first tried to resume the old session.
		expect(emu.gateway.received.slice(from).filter((payload) => payload.op === 6 && payload.d.session_id === old.id)).to.have.lengthOf(1);
	});

	it('GIVEN a lowered command limit WHEN discord.js sends more than it allows THEN the gateway closes with 4008 and discord.js connects again', async () => {
		const old = current();
		// 20 per 10 s leaves room for the 1 s heartbeats; 25 presence updates go beyond it.
		emu.gateway.options.commandLimit = { count: 20, windowMs: 10_000 };
		try {
			const identified = once(emu.gateway, 'ready');
			for (let index = 0; index < 25; index++) client.user!.setPresence({ status: index % 2 ? 'idle' : 'online' });
			const [fresh] = (await identified) as [GatewaySession];
			expect(emu.gateway.rateLimitClosures.map((closure) => closure.sessionId)).to.deep.equal([old.id]);
			expect(old.disconnects.at(-1)).to.include({ code: 4008, byServer: true });
			expect(old.commands.filter((command) => command.op === 3).length).to.be.within(11, 21);
			expect(fresh.id).to.not.equal(old.id);
		} finally {
			emu.gateway.options.commandLimit = { count: 120, windowMs: 60_000 };
		}
	});
});
