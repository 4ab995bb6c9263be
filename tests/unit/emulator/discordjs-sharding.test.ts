import { expect } from 'chai';
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { once } from 'node:events';
import { DiscordEmulator, shardOf, type DiscordEmulatorOptions, type EmulatedGuild, type EmulatedMember } from '#emulator/index';

/** A discord.js client that answers /ping with the shard the interaction came in on. */
function shardedClient(emu: DiscordEmulator, options: Partial<ClientOptions>): Client {
	const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates], rest: { api: emu.apiUrl }, ...options });
	client.on(Events.InteractionCreate, (interaction) => {
		if (interaction.isChatInputCommand()) void interaction.reply(`pong from shard ${interaction.guild!.shardId}`);
	});
	return client;
}

async function login(client: Client, token: string): Promise<Client> {
	const ready = once(client, Events.ClientReady);
	await client.login(token);
	await ready;
	return client;
}

/** Which shard of the client each dispatch named `event` arrived on. */
function shardsReceiving(client: Client, event: string): number[] {
	const shards: number[] = [];
	client.on(Events.Raw, (...args: unknown[]) => {
		const [packet, shardId] = args as [{ t?: string }, number];
		if (packet.t === event) shards.push(shardId);
	});
	return shards;
}

describe('Discord emulator with sharded discord.js clients', () => {
	let emu: DiscordEmulator;
	let guilds: EmulatedGuild[];
	let alices: EmulatedMember[];
	const clients: Client[] = [];

	async function start(options: DiscordEmulatorOptions): Promise<void> {
		emu = await DiscordEmulator.start(options);
		// Two guilds per shard of two.
		guilds = [0, 1, 0, 1].map((shardId, index) => emu.createGuild({ name: `Guild ${index}`, shard: [shardId, 2] }));
		alices = guilds.map((guild) => guild.addMember({ username: 'alice' }));
	}

	function client(options: Partial<ClientOptions>): Client {
		const created = shardedClient(emu, options);
		clients.push(created);
		return created;
	}

	afterEach(async () => {
		for (const created of clients.splice(0)) await created.destroy();
		await emu?.stop();
	});

	it('GIVEN Discord recommends 2 shards WHEN a client logs in with shards "auto" THEN it runs both, each guild on its shard, and interactions come in on the owning shard', async () => {
		await start({ gateway: { shards: 2, maxConcurrency: 2 } });
		const bot = await login(client({ shards: 'auto' }), emu.token);
		await bot.application!.commands.create({ name: 'ping', description: 'Replies pong' });
		const interactionShards = shardsReceiving(bot, 'INTERACTION_CREATE');

		expect(bot.ws.shards.map((shard) => shard.id)).to.deep.equal([0, 1]);
		expect(emu.gateway.sessions.map((session) => session.shard)).to.deep.equal([
			[0, 2],
			[1, 2]
		]);
		for (const guild of guilds) expect(bot.guilds.cache.get(guild.id)?.shardId, guild.name).to.equal(shardOf(guild.id, 2));
		const reply = await alices[1]!.run('ping');
		expect((await reply.message()).content).to.equal('pong from shard 1');
		expect(interactionShards).to.deep.equal([1]);
		expect(emu.gateway.sessionsFor(guilds[1]!.id)[0]!.dispatches.map((payload) => payload.t)).to.include('INTERACTION_CREATE');
		expect(emu.gateway.sessionsFor(guilds[0]!.id)[0]!.dispatches.map((payload) => payload.t)).to.not.include('INTERACTION_CREATE');
		expect(emu.gateway.identifyViolations).to.deep.equal([]);
	});

	it('GIVEN max_concurrency 1 WHEN one client starts two shards THEN discord.js spaces the identifies of its single bucket and breaks no identify rule', async () => {
		await start({ gateway: { shards: 2, maxConcurrency: 1 } });
		await login(client({ shards: 'auto' }), emu.token);
		expect(emu.gateway.identifies.map((record) => record.bucket)).to.deep.equal([0, 0]);
		expect(emu.gateway.identifyViolations).to.deep.equal([]);
	});

	it('GIVEN two processes each running one shard of two WHEN both log in THEN each sees only its guilds and gets only their interactions', async () => {
		await start({ gateway: { shards: 2, maxConcurrency: 2 } });
		const [zero, one] = await Promise.all([
			login(client({ shards: 0, shardCount: 2 }), emu.token),
			login(client({ shards: 1, shardCount: 2 }), emu.token)
		]);
		await zero.application!.commands.create({ name: 'ping', description: 'Replies pong' });
		const [zeroInteractions, oneInteractions] = [shardsReceiving(zero, 'INTERACTION_CREATE'), shardsReceiving(one, 'INTERACTION_CREATE')];

		expect([...zero.guilds.cache.keys()]).to.have.members([guilds[0]!.id, guilds[2]!.id]);
		expect([...one.guilds.cache.keys()]).to.have.members([guilds[1]!.id, guilds[3]!.id]);
		expect(new Set(emu.gateway.sessions.map((session) => session.id)).size).to.equal(2);
		expect((await (await alices[3]!.run('ping')).message()).content).to.equal('pong from shard 1');
		expect(oneInteractions).to.deep.equal([1]);
		expect(zeroInteractions).to.deep.equal([]);
	});

	it('GIVEN two processes WHEN each sends op 4 for a guild of each shard THEN only the owning shard joins, the other op 4 is ignored and recorded with its arrival time', async () => {
		await start({ gateway: { shards: 2, maxConcurrency: 2 } });
		const [zero, one] = await Promise.all([
			login(client({ shards: 0, shardCount: 2 }), emu.token),
			login(client({ shards: 1, shardCount: 2 }), emu.token)
		]);
		const voiceServers = shardsReceiving(one, 'VOICE_SERVER_UPDATE');
		const lounges = guilds.map((guild) => guild.addVoiceChannel('Lounge'));
		const join = (bot: Client, index: number) =>
			bot.ws.shards
				.first()!
				.send({ op: 4, d: { guild_id: guilds[index]!.id, channel_id: lounges[index]!.id, self_mute: false, self_deaf: true } });
		join(zero, 1);
		join(one, 1);
		join(one, 3);
		for (let waited = 0; voiceServers.length < 2 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

		expect(voiceServers).to.deep.equal([1, 1]);
		const [zeroSession, oneSession] = emu.gateway.sessions;
		expect(zeroSession!.ignoredVoiceStateUpdates.map((update) => update.guild_id)).to.deep.equal([guilds[1]!.id]);
		expect(oneSession!.voiceStateUpdates.map((command) => command.d)).to.deep.include.members([
			{ guild_id: guilds[1]!.id, channel_id: lounges[1]!.id, self_mute: false, self_deaf: true }
		]);
		const arrivals = oneSession!.voiceStateUpdates.map((command) => command.at);
		expect(arrivals).to.have.lengthOf(2);
		expect(arrivals[1]).to.be.at.least(arrivals[0]!);
		expect(guilds[1]!.voiceStates.get(emu.botUser.id)?.channelId).to.equal(lounges[1]!.id);
	});

	it('GIVEN more guilds than one shard may serve WHEN a client connects unsharded THEN the gateway closes with 4011; with the recommended shard count it gets in', async () => {
		await start({ gateway: { shards: 2, maxConcurrency: 2, requireShardingAbove: 2 } });
		const unsharded = client({ shards: 0, shardCount: 1 });
		const disconnected = once(unsharded, Events.ShardDisconnect);
		void unsharded.login(emu.token).catch(() => undefined);
		const [event] = (await disconnected) as [{ code: number }];
		expect(event.code).to.equal(4011);
		expect(emu.gateway.identified).to.equal(false);

		const sharded = await login(client({ shards: 'auto' }), emu.token);
		expect(sharded.guilds.cache.size).to.equal(4);
	});
});
