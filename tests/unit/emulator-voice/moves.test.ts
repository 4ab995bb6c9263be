import { VoiceConnectionStatus } from '@discordjs/voice';
import { expect } from 'chai';
import type { Client } from 'discord.js';
import { DiscordEmulator, type EmulatedChannel, type EmulatedGuild, type EmulatedMember } from '#emulator/index';
import { waitFor } from '#support/waitFor';
import { loginClient, playThroughClient, type ClientPlayback } from './discordClientHarness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Voice faults that come through the main gateway (a call moved to another voice server, the bot dragged to another channel,
 * its channel deleted), with discord.js and @discordjs/voice in this process: the bot's own adapter sees them as it would.
 * DAVE is required (the emulator's default), so each new call re-forms its DAVE group and a listener decrypts the tone.
 */
describe('voice emulator moves and deletions, with a real discord.js client and @discordjs/voice', () => {
	let emu: DiscordEmulator;
	let client: Client;
	let guild: EmulatedGuild;
	let lounge: EmulatedChannel;
	let studio: EmulatedChannel;
	let alice: EmulatedMember;
	let bob: EmulatedMember;
	let playback: ClientPlayback | undefined;

	before(async () => {
		emu = await DiscordEmulator.start();
		client = await loginClient(emu);
	});

	after(async () => {
		await client?.destroy();
		await emu?.stop();
	});

	// A fresh guild per test: @discordjs/voice keeps one connection per guild in module state.
	beforeEach(async () => {
		guild = emu.createGuild();
		lounge = guild.addVoiceChannel('Lounge');
		studio = guild.addVoiceChannel('Studio');
		alice = guild.addMember({ username: 'alice' });
		bob = guild.addMember({ username: 'bob' });
		await alice.joinVoice(lounge);
		await bob.joinVoice(studio);
		await waitFor(() => client.guilds.cache.get(guild.id)?.voiceStates.cache.get(bob.id), 'the client to see the guild');
		playback = await playThroughClient(client, guild, lounge, 440);
	});

	afterEach(async () => {
		await playback?.stop();
		playback = undefined;
	});

	/** The tone as `listener` hears it on the session, once its DAVE group includes them. */
	async function heardBy(listener: EmulatedMember) {
		const session = await emu.waitForVoice(guild);
		await session.waitForDaveGroup((group) => group.listeners.includes(listener.id), 10_000);
		await session.waitForDaveAudio(5_000);
		return { session, audio: await session.capture(1_000, { listener: listener.id }) };
	}

	it('GIVEN the bot playing WHEN Discord moves the call to another voice server THEN the client connects to the new endpoint and alice hears the tone there', async () => {
		const first = await emu.waitForVoice(guild);
		await first.waitForDaveAudio(5_000);

		const moved = await emu.voiceFaults.moveServer(guild);
		const { session, audio } = await heardBy(alice);

		expect(moved).to.not.equal(emu.voiceServer);
		expect(moved.endpoint).to.not.equal(emu.voiceServer.endpoint);
		expect(emu.voiceServers.serverFor(guild.id)).to.equal(moved);
		expect(moved.sessionFor(guild.id)).to.equal(session);
		expect(session.channelId).to.equal(lounge.id);
		expect(first.state).to.equal('closed');
		// @discordjs/voice drops the old connection itself (1000) as soon as VOICE_SERVER_UPDATE arrives.
		expect(first.closeCodes).to.deep.equal([1000]);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(playback!.connection.state.status).to.equal(VoiceConnectionStatus.Ready);
	});

	const moves = [
		{ otherServer: false, order: 'close-first' },
		{ otherServer: true, order: 'close-first' },
		{ otherServer: false, order: 'events-first' }
	] as const;
	for (const { otherServer, order } of moves) {
		const where = otherServer ? ' on another voice server' : '';
		const expected =
			order === 'close-first'
				? '4014, then the new channel and a new VOICE_SERVER_UPDATE'
				: 'the new channel and VOICE_SERVER_UPDATE, then 4014';
		it(`GIVEN the bot playing WHEN a moderator drags it to another channel${where} (${order}) THEN ${expected}, and bob hears it`, async () => {
			const first = await emu.waitForVoice(guild);
			await first.waitForDaveAudio(5_000);

			await emu.voiceFaults.moveBot(guild, studio, { otherServer, order });
			const { session, audio } = await heardBy(bob);

			expect(first.closeCodes).to.deep.equal([order === 'close-first' ? 4014 : 1000]);
			expect(session.channelId).to.equal(studio.id);
			expect(session.sessionId, 'the main gateway session id is kept').to.equal(first.sessionId);
			expect(emu.voiceServers.serverFor(guild.id) === emu.voiceServer).to.equal(!otherServer);
			expect(guild.voiceStates.get(emu.botUser.id)?.channelId).to.equal(studio.id);
			expect(client.guilds.cache.get(guild.id)?.members.me?.voice.channelId).to.equal(studio.id);
			// Close first: the library goes Disconnected (4014) and connects again on VOICE_SERVER_UPDATE. Events first: it has
			// already left the old connection (1000) when the close would come, and never goes Disconnected.
			expect(playback!.disconnectCodes).to.deep.equal(order === 'close-first' ? [4014] : []);
			expect(playback!.statuses.slice(-1)).to.deep.equal([VoiceConnectionStatus.Ready]);
			expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		});
	}

	it('GIVEN the bot playing WHEN its channel is deleted THEN CHANNEL_DELETE, everyone`s voice state cleared, the call ends with 4022, and no rejoin into it succeeds', async () => {
		const session = await emu.waitForVoice(guild);
		await session.waitForDaveAudio(5_000);
		const opsBefore = emu.gateway.received.length;

		guild.removeChannel(lounge.id);
		await waitFor(() => playback!.statuses.includes(VoiceConnectionStatus.Signalling), 'the client to rejoin');
		await sleep(500);

		const seen = client.guilds.cache.get(guild.id)!;
		expect(seen.channels.cache.has(lounge.id)).to.equal(false);
		expect(seen.voiceStates.cache.get(alice.id)?.channelId ?? null).to.equal(null);
		expect(seen.members.me?.voice.channelId ?? null).to.equal(null);
		expect(guild.voiceStates.has(emu.botUser.id)).to.equal(false);
		expect(session.state).to.equal('closed');
		expect(session.closeCodes).to.deep.equal([4022]);
		// 4022 is not 4014, so @discordjs/voice asks to rejoin the deleted channel; Discord ignores that join.
		const joins = emu.gateway.received.slice(opsBefore).filter((payload) => payload.op === 4);
		expect(joins.map((payload) => payload.d.channel_id)).to.deep.equal([lounge.id]);
		expect(emu.voice(guild)).to.equal(undefined);
		expect(playback!.connection.state.status).to.equal(VoiceConnectionStatus.Signalling);
	});
});
