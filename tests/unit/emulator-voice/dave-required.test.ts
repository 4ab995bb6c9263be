import { entersState, joinVoiceChannel, VoiceConnectionStatus, type VoiceConnection } from '@discordjs/voice';
import { expect } from 'chai';
import { voiceServerAdapter, VoiceServer } from '#emulator/voice/index';
import { joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

const botUserId = '100000000000000009';
let guildCounter = 0;

/** A @discordjs/voice connection that announces max_dave_protocol_version 0 (as without @snazzah/davey). */
function joinWithoutDave(server: VoiceServer): VoiceConnection {
	const connection = joinVoiceChannel({
		guildId: `21000000000000${String(++guildCounter).padStart(4, '0')}`,
		channelId: '300000000000000001',
		adapterCreator: voiceServerAdapter(server, botUserId),
		daveEncryption: false
	});
	connection.on('error', () => undefined);
	return connection;
}

/**
 * The guard proposed for the bot's VoiceService: @discordjs/voice rejoins at once on any close but 4014, so a 4017
 * must be caught on the networking instance and end the connection (one attempt, one error).
 */
function leaveOn4017(connection: VoiceConnection, onFatal: (code: number) => void): void {
	const watched = new WeakSet<object>();
	connection.on('stateChange', (_, state) => {
		if (state.status !== VoiceConnectionStatus.Connecting || watched.has(state.networking)) return;
		watched.add(state.networking);
		state.networking.once('close', (code: number) => {
			if (code !== 4017) return;
			onFatal(code);
			if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
		});
	});
}

describe('voice emulator DAVE policy against clients that cannot negotiate DAVE', () => {
	let server: VoiceServer | undefined;
	let connection: VoiceConnection | undefined;
	let bot: PlayingBot | undefined;

	afterEach(async () => {
		if (connection && connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
		await bot?.stop();
		await server?.stop();
		connection = undefined;
		bot = undefined;
		server = undefined;
	});

	it('GIVEN DAVE required WHEN a client identifies with max_dave_protocol_version 0 THEN it is closed with 4017, and @discordjs/voice rejoins at once, again and again', async () => {
		server = await VoiceServer.start({ dave: 'required' });
		connection = joinWithoutDave(server);
		await new Promise((resolve) => setTimeout(resolve, 1_000));

		expect(server.rejectedIdentifies[0]).to.include({ closeCode: 4017, userId: botUserId });
		// Not a bug of the emulator: the library's own rejoin on non-4014 closes has no backoff and no cap.
		expect(server.rejectedIdentifies.length).to.be.greaterThan(10);
		expect(connection.rejoinAttempts).to.be.greaterThan(10);
		expect(connection.state.status).to.not.equal(VoiceConnectionStatus.Ready);
	});

	it('GIVEN DAVE required and the proposed 4017 guard WHEN a client without DAVE joins THEN there is exactly one attempt and the connection ends', async () => {
		server = await VoiceServer.start({ dave: 'required' });
		const fatal: number[] = [];
		connection = joinWithoutDave(server);
		leaveOn4017(connection, (code) => fatal.push(code));
		await entersState(connection, VoiceConnectionStatus.Destroyed, 5_000);
		await new Promise((resolve) => setTimeout(resolve, 500));

		expect(fatal).to.deep.equal([4017]);
		expect(server.rejectedIdentifies.map((rejection) => rejection.closeCode)).to.deep.equal([4017]);
	});

	it('GIVEN DAVE offered WHEN a client without DAVE plays a tone THEN protocol version 0 is used and the plain Opus arrives', async () => {
		server = await VoiceServer.start({ dave: 'offered' });
		bot = await joinAndPlayTone(server, 440, { daveEncryption: false });
		server.setMemberVoiceChannel(bot.guildId, '400000000000000001', bot.channelId);
		const audio = await bot.session.capture(2_000);

		expect(bot.session.clientMaxDaveProtocolVersion).to.equal(0);
		expect(bot.session.daveProtocolVersion).to.equal(0);
		expect(audio.daveFrames).to.equal(0);
		expect(audio.passthroughFrames).to.be.at.least(90);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(server.rejectedIdentifies).to.deep.equal([]);
	});
});
