import { expect } from 'chai';
import { DiscordEmulator, Permission, type EmulatedChannel, type EmulatedGuild, type EmulatedMember } from '#emulator/index';
import { RawGatewayClient } from './rawGatewayClient.js';

const intents = (1 << 0) | (1 << 7);

describe('Discord emulator gateway', () => {
	let emu: DiscordEmulator;
	let guild: EmulatedGuild;
	let lounge: EmulatedChannel;
	let alice: EmulatedMember;
	let bot: RawGatewayClient;

	before(async () => {
		emu = await DiscordEmulator.start();
		guild = emu.createGuild({ name: 'Gateway Guild' });
		lounge = guild.addVoiceChannel('Lounge');
		alice = guild.addMember({ username: 'alice' });
		bot = await RawGatewayClient.connect(emu.gatewayUrl);
		await bot.next((payload) => payload.op === 10);
		bot.send(2, { token: emu.token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } });
		await bot.next((payload) => payload.t === 'GUILD_CREATE');
	});

	after(async () => {
		bot?.close();
		await emu?.stop();
	});

	it('GIVEN a wrong token WHEN identifying THEN the gateway closes with 4004', async () => {
		const intruder = await RawGatewayClient.connect(emu.gatewayUrl);
		intruder.send(2, { token: 'wrong', intents, properties: {} });
		expect(await intruder.closed()).to.equal(4004);
	});

	it('GIVEN an identified bot THEN READY carries session, resume url and application, followed by a full GUILD_CREATE', async () => {
		const ready = await bot.next((payload) => payload.t === 'READY');
		expect(ready.d.session_id).to.be.a('string');
		expect(ready.d.resume_gateway_url).to.equal(emu.gatewayUrl);
		expect(ready.d.application.id).to.equal(emu.applicationId);
		expect(ready.d.guilds).to.deep.equal([{ id: guild.id, unavailable: true }]);
		const create = await bot.next((payload) => payload.t === 'GUILD_CREATE');
		expect(create.s).to.equal(ready.s! + 1);
		expect(create.d.roles.map((role: { id: string }) => role.id)).to.include(guild.id);
		expect(create.d.members.map((member: { user: { id: string } }) => member.user.id)).to.include(emu.botUser.id);
		expect(create.d.channels.map((channel: { name: string }) => channel.name)).to.include.members(['general', 'Lounge']);
	});

	it('GIVEN a heartbeat WHEN sent THEN it is acknowledged', async () => {
		const from = bot.received.length;
		bot.send(1, 2);
		await bot.next((payload) => payload.op === 11, from);
	});

	it('GIVEN a member WHEN she joins voice THEN the bot gets VOICE_STATE_UPDATE with her member', async () => {
		const from = bot.received.length;
		await alice.joinVoice(lounge);
		const update = await bot.next((payload) => payload.t === 'VOICE_STATE_UPDATE', from);
		expect(update.d).to.include({ user_id: alice.id, channel_id: lounge.id, guild_id: guild.id });
		expect(update.d.member.user.username).to.equal('alice');
	});

	it('GIVEN op 4 into a voice channel WHEN joining THEN VOICE_STATE_UPDATE for the bot precedes VOICE_SERVER_UPDATE with the voice server token', async () => {
		const from = bot.received.length;
		bot.send(4, { guild_id: guild.id, channel_id: lounge.id, self_mute: false, self_deaf: true });
		const server = await bot.next((payload) => payload.t === 'VOICE_SERVER_UPDATE', from);
		const state = await bot.next((payload) => payload.t === 'VOICE_STATE_UPDATE' && payload.d.user_id === emu.botUser.id, from);
		expect(state.s).to.be.lessThan(server.s!);
		expect(state.d).to.include({ channel_id: lounge.id, self_deaf: true });
		expect(state.d.session_id).to.be.a('string').that.is.not.empty;
		expect(server.d.endpoint).to.equal(emu.voiceServer.endpoint);
		expect(server.d.guild_id).to.equal(guild.id);
		expect(emu.voice(guild)?.sessionId).to.equal(state.d.session_id);
		expect(guild.voiceStates.get(emu.botUser.id)?.channelId).to.equal(lounge.id);
	});

	it('GIVEN the bot in the channel WHEN it sets the voice channel status THEN 204 and VOICE_CHANNEL_STATUS_UPDATE', async () => {
		const from = bot.received.length;
		const response = await fetch(`${emu.apiUrl}/v10/channels/${lounge.id}/voice-status`, {
			method: 'PUT',
			headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ status: '📻 Test Tone' })
		});
		expect(response.status).to.equal(204);
		expect(guild.voiceChannelStatus(lounge.id)).to.equal('📻 Test Tone');
		const update = await bot.next((payload) => payload.t === 'VOICE_CHANNEL_STATUS_UPDATE', from);
		expect(update.d).to.deep.equal({ id: lounge.id, guild_id: guild.id, status: '📻 Test Tone' });
	});

	it('GIVEN the bot lacks Set Voice Channel Status WHEN it sets the status THEN 403', async () => {
		guild.setBotPermissions(Permission.ViewChannel | Permission.Connect | Permission.Speak);
		try {
			const response = await fetch(`${emu.apiUrl}/v10/channels/${lounge.id}/voice-status`, {
				method: 'PUT',
				headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ status: 'nope' })
			});
			expect(response.status).to.equal(403);
			expect(((await response.json()) as { code: number }).code).to.equal(50013);
		} finally {
			guild.setBotPermissions(
				Permission.ViewChannel | Permission.Connect | Permission.Speak | Permission.SendMessages | Permission.SetVoiceChannelStatus
			);
		}
	});

	it('GIVEN the bot in voice WHEN op 4 with channel_id null THEN its VOICE_STATE_UPDATE leaves and the voice session ends', async () => {
		const from = bot.received.length;
		bot.send(4, { guild_id: guild.id, channel_id: null, self_mute: false, self_deaf: false });
		const state = await bot.next((payload) => payload.t === 'VOICE_STATE_UPDATE' && payload.d.user_id === emu.botUser.id, from);
		expect(state.d.channel_id).to.equal(null);
		expect(emu.voice(guild)).to.equal(undefined);
		expect(guild.voiceStates.has(emu.botUser.id)).to.equal(false);
	});

	it('GIVEN a guild created after READY WHEN created THEN the bot gets GUILD_CREATE live, then CHANNEL_CREATE for new channels', async () => {
		const from = bot.received.length;
		const later = emu.createGuild({ name: 'Later' });
		const stage = later.addStageChannel('Stage');
		expect((await bot.next((payload) => payload.t === 'GUILD_CREATE', from)).d.id).to.equal(later.id);
		expect((await bot.next((payload) => payload.t === 'CHANNEL_CREATE', from)).d).to.include({ id: stage.id, type: 13 });
	});

	it('GIVEN a dropped connection WHEN resuming with the last sequence THEN missed dispatches are replayed, then RESUMED', async () => {
		const ready = await bot.next((payload) => payload.t === 'READY');
		const lastSeen = Math.max(...bot.received.map((payload) => payload.s ?? 0));
		emu.gateway.disconnect(4000);
		await bot.closed();
		await alice.leaveVoice();
		const again = await RawGatewayClient.connect(emu.gatewayUrl);
		try {
			await again.next((payload) => payload.op === 10);
			again.send(6, { token: emu.token, session_id: ready.d.session_id, seq: lastSeen });
			const replayed = await again.next((payload) => payload.t === 'VOICE_STATE_UPDATE');
			expect(replayed.d).to.include({ user_id: alice.id, channel_id: null });
			expect(replayed.s).to.equal(lastSeen + 1);
			await again.next((payload) => payload.t === 'RESUMED');
		} finally {
			again.close();
		}
	});

	it('GIVEN an unknown session WHEN resuming THEN op 9 invalid session (not resumable)', async () => {
		const stranger = await RawGatewayClient.connect(emu.gatewayUrl);
		try {
			stranger.send(6, { token: emu.token, session_id: 'nope', seq: 1 });
			expect((await stranger.next((payload) => payload.op === 9)).d).to.equal(false);
		} finally {
			stranger.close();
		}
	});
});
