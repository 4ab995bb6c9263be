import { expect } from 'chai';
import { DiscordEmulator, shardOf, type DiscordEmulatorOptions, type EmulatedGuild } from '#emulator/index';
import { RawGatewayClient } from './rawGatewayClient.js';

const intents = (1 << 0) | (1 << 7);

/** GET /gateway/bot as discord.js asks it. */
async function gatewayBot(emu: DiscordEmulator): Promise<any> {
	const response = await fetch(`${emu.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${emu.token}` } });
	return response.json();
}

describe('Discord emulator gateway sharding', () => {
	let emu: DiscordEmulator;
	const clients: RawGatewayClient[] = [];

	async function start(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
		emu = await DiscordEmulator.start(options);
		return emu;
	}

	async function identify(shard?: [number, number]): Promise<RawGatewayClient> {
		const client = await RawGatewayClient.identify(emu.gatewayUrl, emu.token, intents, shard);
		clients.push(client);
		return client;
	}

	afterEach(async () => {
		for (const client of clients.splice(0)) client.close();
		await emu?.stop();
	});

	it('GIVEN options for shards and max_concurrency WHEN discord.js asks GET /gateway/bot THEN it gets them, and remaining drops by one per IDENTIFY', async () => {
		await start({ gateway: { shards: 4, maxConcurrency: 2, sessionStartTotal: 50 } });
		const before = await gatewayBot(emu);
		expect(before.url).to.equal(emu.gatewayUrl);
		expect(before.shards).to.equal(4);
		expect(before.session_start_limit).to.include({ total: 50, remaining: 50, max_concurrency: 2 });
		await (await identify([0, 4])).next((payload) => payload.t === 'READY');
		await (await identify([1, 4])).next((payload) => payload.t === 'READY');
		expect((await gatewayBot(emu)).session_start_limit.remaining).to.equal(48);
	});

	it('GIVEN guilds on two shards WHEN each shard identifies THEN its READY and GUILD_CREATEs list only its guilds, and each guild event reaches only its shard', async () => {
		await start({ gateway: { maxConcurrency: 2 } });
		const [first, second] = [emu.createGuild({ shard: [0, 2] }), emu.createGuild({ shard: [1, 2] })] as [EmulatedGuild, EmulatedGuild];
		const zero = await identify([0, 2]);
		const one = await identify([1, 2]);
		const ready = await zero.next((payload) => payload.t === 'READY');
		expect(ready.d.shard).to.deep.equal([0, 2]);
		expect(ready.d.guilds).to.deep.equal([{ id: first.id, unavailable: true }]);
		expect((await one.next((payload) => payload.t === 'READY')).d.guilds).to.deep.equal([{ id: second.id, unavailable: true }]);
		await zero.next((payload) => payload.t === 'GUILD_CREATE');
		await one.next((payload) => payload.t === 'GUILD_CREATE');

		const [zeroFrom, oneFrom] = [zero.received.length, one.received.length];
		second.addVoiceChannel('Second Lounge');
		first.addVoiceChannel('First Lounge');
		const created = await zero.next((payload) => payload.t === 'CHANNEL_CREATE', zeroFrom);
		expect(created.d.name).to.equal('First Lounge');
		expect((await one.next((payload) => payload.t === 'CHANNEL_CREATE', oneFrom)).d.name).to.equal('Second Lounge');
		expect(zero.events(zeroFrom)).to.deep.equal(['CHANNEL_CREATE']);
		expect(one.events(oneFrom)).to.deep.equal(['CHANNEL_CREATE']);
		expect(zero.received.filter((payload) => payload.t === 'GUILD_CREATE').map((payload) => payload.d.id)).to.deep.equal([first.id]);

		const owners = (guild: EmulatedGuild) => emu.gateway.sessionsFor(guild.id).map((session) => session.shard);
		expect(owners(first)).to.deep.equal([[0, 2]]);
		expect(owners(second)).to.deep.equal([[1, 2]]);
		expect(emu.gateway.sessions.map((session) => [...session.announcedGuilds])).to.deep.equal([[first.id], [second.id]]);
	});

	it('GIVEN a guild created while two shards are connected WHEN created THEN only the owning shard gets its GUILD_CREATE', async () => {
		await start({ gateway: { maxConcurrency: 2 } });
		const zero = await identify([0, 2]);
		const one = await identify([1, 2]);
		await zero.next((payload) => payload.t === 'READY');
		await one.next((payload) => payload.t === 'READY');
		const [zeroFrom, oneFrom] = [zero.received.length, one.received.length];
		const later = emu.createGuild({ name: 'Later', shard: [1, 2] });
		expect((await one.next((payload) => payload.t === 'GUILD_CREATE', oneFrom)).d.id).to.equal(later.id);
		const own = emu.createGuild({ name: 'Own', shard: [0, 2] });
		// Shard 0's first GUILD_CREATE since then is its own guild's, not the one of shard 1.
		expect((await zero.next((payload) => payload.t === 'GUILD_CREATE', zeroFrom)).d.id).to.equal(own.id);
		expect(zero.events(zeroFrom)).to.deep.equal(['GUILD_CREATE']);
	});

	it('GIVEN two clients that disagree on the shard count WHEN both identify THEN each gets the guilds its own [id, count] routes to it', async () => {
		await start({ gateway: { maxConcurrency: 16 } });
		const guilds = Array.from({ length: 6 }, (_, index) => emu.createGuild({ shard: [index % 3, 3] }));
		const halves = await identify([1, 2]);
		const thirds = await identify([2, 3]);
		const idsIn = async (client: RawGatewayClient) =>
			(await client.next((payload) => payload.t === 'READY')).d.guilds.map((guild: { id: string }) => guild.id);
		expect(await idsIn(halves)).to.have.members(guilds.filter((guild) => shardOf(guild.id, 2) === 1).map((guild) => guild.id));
		expect(await idsIn(thirds)).to.have.members(guilds.filter((guild) => shardOf(guild.id, 3) === 2).map((guild) => guild.id));
		expect(await idsIn(thirds)).to.have.lengthOf(2);
	});

	for (const shard of [[2, 2], [-1, 2], [0, 0], [0.5, 2], [0]]) {
		it(`GIVEN IDENTIFY with shard ${JSON.stringify(shard)} WHEN sent THEN the gateway closes with 4010 (invalid shard)`, async () => {
			await start();
			emu.createGuild();
			const client = await identify(shard as [number, number]);
			expect(await client.closed()).to.equal(4010);
			expect(emu.gateway.identified).to.equal(false);
		});
	}

	it('GIVEN sharding required above 2 guilds WHEN one shard would serve 3 THEN 4011, and two shards of 2 or fewer each are served', async () => {
		await start({ gateway: { requireShardingAbove: 2, maxConcurrency: 2 } });
		for (const shardId of [0, 0, 1]) emu.createGuild({ shard: [shardId, 2] });
		expect(await (await identify()).closed()).to.equal(4011);
		const zero = await identify([0, 2]);
		const one = await identify([1, 2]);
		expect((await zero.next((payload) => payload.t === 'READY')).d.guilds).to.have.lengthOf(2);
		expect((await one.next((payload) => payload.t === 'READY')).d.guilds).to.have.lengthOf(1);
	});

	it('GIVEN IDENTIFY without intents or on another API version THEN 4013 (invalid intents) and 4012 (invalid API version)', async () => {
		await start();
		const noIntents = await RawGatewayClient.connect(emu.gatewayUrl);
		clients.push(noIntents);
		noIntents.send(2, { token: emu.token, properties: {} });
		expect(await noIntents.closed()).to.equal(4013);
		const oldVersion = await RawGatewayClient.connect(emu.gatewayUrl, '?v=6&encoding=json');
		clients.push(oldVersion);
		expect(await oldVersion.closed()).to.equal(4012);
	});

	it('GIVEN max_concurrency 1 WHEN two shards identify within 5 s THEN the second is recorded as an identify-rate violation', async () => {
		await start({ gateway: { maxConcurrency: 1 } });
		await (await identify([0, 2])).next((payload) => payload.t === 'READY');
		await (await identify([1, 2])).next((payload) => payload.t === 'READY');
		expect(emu.gateway.identifyViolations.map((record) => record.shard)).to.deep.equal([[1, 2]]);
		expect(emu.gateway.identifyViolations[0]!.violation).to.match(/bucket 0/);
	});

	it('GIVEN max_concurrency 2 WHEN two shards identify at once THEN they are in different buckets and break no rule', async () => {
		await start({ gateway: { maxConcurrency: 2 } });
		await (await identify([0, 2])).next((payload) => payload.t === 'READY');
		await (await identify([1, 2])).next((payload) => payload.t === 'READY');
		expect(emu.gateway.identifies.map((record) => [record.bucket, record.violation])).to.deep.equal([
			[0, undefined],
			[1, undefined]
		]);
	});

	it('GIVEN enforced identify limits WHEN a second IDENTIFY of the same bucket comes within 5 s THEN op 9 (not resumable) and no session starts', async () => {
		await start({ gateway: { enforceIdentifyLimits: true } });
		await (await identify([0, 2])).next((payload) => payload.t === 'READY');
		const early = await identify([1, 2]);
		expect((await early.next((payload) => payload.op === 9)).d).to.equal(false);
		expect(early.events()).to.deep.equal([]);
		expect(emu.gateway.sessions.map((session) => session.shard)).to.deep.equal([[0, 2]]);
		expect((await gatewayBot(emu)).session_start_limit.remaining).to.equal(999);
	});

	it('GIVEN two shards WHEN each sends op 4 for a guild of the other shard and of its own THEN only its own join is served, the other ignored and recorded', async () => {
		await start({ gateway: { maxConcurrency: 2 } });
		const mine = emu.createGuild({ shard: [0, 2] });
		const theirs = emu.createGuild({ shard: [1, 2] });
		const [mineLounge, theirLounge] = [mine.addVoiceChannel('Lounge'), theirs.addVoiceChannel('Lounge')];
		const zero = await identify([0, 2]);
		await zero.next((payload) => payload.t === 'GUILD_CREATE');
		const from = zero.received.length;
		zero.send(4, { guild_id: theirs.id, channel_id: theirLounge.id, self_mute: false, self_deaf: true });
		zero.send(4, { guild_id: mine.id, channel_id: mineLounge.id, self_mute: false, self_deaf: true });
		expect((await zero.next((payload) => payload.t === 'VOICE_SERVER_UPDATE', from)).d.guild_id).to.equal(mine.id);
		expect(theirs.voiceStates.has(emu.botUser.id)).to.equal(false);
		expect(emu.voice(theirs)).to.equal(undefined);
		const [session] = emu.gateway.sessions;
		expect(session!.ignoredVoiceStateUpdates.map((update) => update.guild_id)).to.deep.equal([theirs.id]);
		expect(session!.voiceStateUpdates.map((command) => command.d)).to.have.lengthOf(2);
	});

	it('GIVEN two connections identifying the same shard layout from separate processes WHEN both are up THEN each is its own session with its own sequence', async () => {
		await start({ gateway: { maxConcurrency: 2 } });
		emu.createGuild({ shard: [0, 2] });
		emu.createGuild({ shard: [1, 2] });
		const zero = await identify([0, 2]);
		const one = await identify([1, 2]);
		const sessionIds = [
			(await zero.next((payload) => payload.t === 'READY')).d.session_id,
			(await one.next((payload) => payload.t === 'READY')).d.session_id
		];
		expect(new Set(sessionIds).size).to.equal(2);
		expect(emu.gateway.sessions.map((session) => session.id)).to.deep.equal(sessionIds);
		expect(emu.gateway.sessions.map((session) => session.sequence)).to.deep.equal([2, 2]);
		expect(emu.gateway.sessions.map((session) => session.commands.map((command) => command.op))).to.deep.equal([[2], [2]]);
	});
});
