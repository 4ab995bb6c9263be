import { joinVoiceChannel, VoiceConnectionStatus } from '@discordjs/voice';
import { expect } from 'chai';
import { voiceServerAdapter, VoiceServer } from '#emulator/voice/index';
import { waitFor } from '#support/waitFor';
import { freshGuildId, joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

/**
 * Every class of close code @discordjs/voice 0.19 tells apart (Networking.onWsClose, VoiceConnection.onNetworkingClose):
 * 4015 and codes below 4000 resume a ready session; 4014 leaves the connection Disconnected; any other code, and a resumable
 * code before the session was ready, makes it rejoin through its adapter (a new op 4, a new session).
 * reconnect.test.ts covers 4015, 1006, 4006 and 4014.
 */
const botUserId = '100000000000000001';

describe('voice emulator: every close code class, with the real @discordjs/voice client', () => {
	let server: VoiceServer;
	let bot: PlayingBot | undefined;

	before(async () => {
		server = await VoiceServer.start();
	});

	after(async () => server.stop());

	afterEach(async () => {
		server.restoreUdp();
		await bot?.stop();
		bot = undefined;
	});

	// 1005: a close frame without a code. 1001 going away, 1011 internal error: what proxies and crashing servers send.
	for (const code of [1000, 1001, 1005, 1011]) {
		it(`GIVEN the bot playing WHEN the voice server closes with ${code} THEN the client resumes the same session`, async () => {
			bot = await joinAndPlayTone(server, 440);
			const { session } = bot;
			await session.waitForAudio(5_000);

			session.close(code);
			await session.waitUntilReady(10_000);
			await session.waitForAudio(5_000);

			expect(server.sessionFor(bot.guildId)).to.equal(session);
			expect(session.closeCodes).to.deep.equal([code]);
			expect({ resumes: session.resumes, identifies: session.identifies }).to.deep.equal({ resumes: 1, identifies: 1 });
		});
	}

	// 4009 session timeout, 4016 unknown encryption mode, 4017 DAVE required, 4021 rate limited and 4022 call terminated
	// ("should not reconnect" in Discord's docs): the library rejoins after every one of them.
	for (const code of [4009, 4016, 4017, 4021, 4022]) {
		it(`GIVEN the bot playing WHEN the voice server closes with ${code} THEN the session is over and the client rejoins with a new one`, async () => {
			bot = await joinAndPlayTone(server, 440);
			const first = bot.session;
			await first.waitForAudio(5_000);

			first.close(code);
			const second = await server.waitForSession(bot.guildId, 10_000);
			await second.waitForAudio(5_000);

			expect(first.state).to.equal('closed');
			expect(first.closeCodes).to.deep.equal([code]);
			expect(second).to.not.equal(first);
			expect({ resumes: second.resumes, identifies: second.identifies }).to.deep.equal({ resumes: 0, identifies: 1 });
		});
	}

	it('GIVEN a client still in the UDP handshake WHEN closed with 4015 THEN it cannot resume: it rejoins with a new session', async () => {
		server.dropUdp(Number.POSITIVE_INFINITY, { audio: false });
		const guildId = freshGuildId();
		const connection = joinVoiceChannel({ guildId, channelId: '300000000000000001', adapterCreator: voiceServerAdapter(server, botUserId) });
		const errors: string[] = [];
		connection.on('error', (error) => errors.push(error.message));
		try {
			const first = await waitFor(() => (server.udpOutage.droppedDiscoveries > 0 ? server.sessionFor(guildId) : undefined), 'IP discovery');
			expect(first.state).to.equal('connecting');

			server.restoreUdp();
			first.close(4015);
			const second = await server.waitForSession(guildId, 10_000);
			await waitFor(() => connection.state.status === VoiceConnectionStatus.Ready, 'the connection to be ready');

			expect(second).to.not.equal(first);
			expect(first.resumes).to.equal(0);
			expect(second.identifies).to.equal(1);
			// The abandoned IP discovery surfaces as an 'error' on the connection: an entersState() awaiting Ready rejects with it.
			expect(errors).to.deep.equal(['Cannot perform IP discovery - socket closed']);
		} finally {
			connection.destroy();
		}
	});

	it('GIVEN a code no WebSocket server may send (1004, 1015, 2000, 5000) WHEN closing THEN the emulator refuses it', async () => {
		bot = await joinAndPlayTone(server, 440);
		for (const code of [1004, 1015, 2000, 5000]) expect(() => bot!.session.close(code), String(code)).to.throw(/cannot close/);
		expect(bot.session.state).to.equal('ready');
	});
});
