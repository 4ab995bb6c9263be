import { entersState, VoiceConnectionStatus } from '@discordjs/voice';
import { expect } from 'chai';
import { VoiceServer } from '#emulator/voice/index';
import { joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

describe('voice emulator close codes and the client reconnect recipe', () => {
	let server: VoiceServer;
	let bot: PlayingBot | undefined;

	before(async () => {
		server = await VoiceServer.start();
	});

	after(async () => {
		await server.stop();
	});

	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
	});

	for (const code of [4015, 1006]) {
		it(`GIVEN the bot playing WHEN the voice server closes the socket with ${code} THEN the client resumes the same session and audio flows again`, async () => {
			bot = await joinAndPlayTone(server, 440);
			const { session } = bot;
			await session.waitForAudio(5_000);

			session.close(code);
			expect(session.state).to.equal('connecting');
			await session.waitUntilReady(10_000);
			const audio = await session.capture(2_000);

			expect(server.sessionFor(bot.guildId)).to.equal(session);
			expect(session.resumes).to.equal(1);
			expect(session.identifies).to.equal(1);
			expect(session.closeCodes).to.deep.equal([code]);
			expect(audio.decryptFailures).to.equal(0);
			expect(audio.seconds).to.be.at.least(1.5);
			expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		});
	}

	it('GIVEN the bot playing WHEN the voice server closes the socket with 4006 THEN the client rejoins through its adapter and audio flows again', async () => {
		bot = await joinAndPlayTone(server, 440);
		const first = bot.session;
		await first.waitForAudio(5_000);

		first.close(4006);
		expect(first.state).to.equal('closed');
		const second = await server.waitForSession(bot.guildId, 10_000);
		const audio = await second.capture(2_000);

		expect(second).to.not.equal(first);
		expect(second.token).to.not.equal(first.token);
		expect(second.identifies).to.equal(1);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.seconds).to.be.at.least(1.5);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
	});

	it('GIVEN the bot playing WHEN the voice server closes the socket with 4014 THEN the client disconnects and does not rejoin on its own', async () => {
		bot = await joinAndPlayTone(server, 440);
		const { session } = bot;

		session.close(4014);
		await entersState(bot.connection, VoiceConnectionStatus.Disconnected, 5_000);

		expect(session.state).to.equal('closed');
		expect(server.sessionFor(bot.guildId)).to.equal(session);
		const { state } = bot.connection;
		expect(state.status === VoiceConnectionStatus.Disconnected && 'closeCode' in state ? state.closeCode : undefined).to.equal(4014);
	});
});
