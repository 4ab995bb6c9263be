import { joinVoiceChannel, VoiceConnectionStatus } from '@discordjs/voice';
import { expect } from 'chai';
import { voiceServerAdapter, VoiceServer } from '#emulator/voice/index';
import { waitFor } from '#support/waitFor';
import { freshGuildId, joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('voice emulator UDP and heartbeat faults, with the real @discordjs/voice client', () => {
	let server: VoiceServer;
	let bot: PlayingBot | undefined;

	before(async () => {
		server = await VoiceServer.start();
	});

	after(async () => server.stop());

	afterEach(async () => {
		server.restoreUdp();
		server.acknowledgeHeartbeats = true;
		await bot?.stop();
		bot = undefined;
	});

	it('GIVEN the bot playing WHEN UDP is dropped THEN its packets arrive but are thrown away and counted; once restored the tone is heard again', async () => {
		bot = await joinAndPlayTone(server, 440);
		const { session } = bot;
		await session.waitForAudio(5_000);

		server.dropUdp();
		const before = session.stats;
		await sleep(1_000);
		const during = session.stats;
		server.restoreUdp();
		const audio = await session.capture(1_000);

		expect(during.packets, 'packets processed during the outage').to.equal(before.packets);
		expect(during.droppedPackets - before.droppedPackets, 'packets dropped in 1 s (50 a second are sent)').to.be.at.least(25);
		expect(server.udpOutage.droppedAudio).to.equal(during.droppedPackets);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		// The client cannot tell: @discordjs/voice no longer tracks keep-alive answers, so the connection stays Ready.
		expect(bot.connection.state.status).to.equal(VoiceConnectionStatus.Ready);
	});

	it('GIVEN a 500 ms UDP outage WHEN it is over THEN audio is processed again without anyone restoring it', async () => {
		bot = await joinAndPlayTone(server, 440);
		await bot.session.waitForAudio(5_000);

		server.dropUdp(500);
		await sleep(600);
		const dropped = bot.session.stats.droppedPackets;
		await bot.session.waitForAudio(2_000);

		expect(dropped).to.be.at.least(10);
		expect(server.udpOutage.active).to.equal(false);
	});

	it('GIVEN IP discovery unanswered WHEN a client joins THEN it never gets past the UDP handshake; after restoring, a rejoin gets ready', async () => {
		server.dropUdp(Number.POSITIVE_INFINITY, { audio: false });
		const discoveriesBefore = server.udpOutage.droppedDiscoveries;
		const guildId = freshGuildId();
		const connection = joinVoiceChannel({
			guildId,
			channelId: '300000000000000001',
			adapterCreator: voiceServerAdapter(server, '100000000000000001')
		});
		connection.on('error', () => undefined);
		try {
			const session = await waitFor(() => (server.sessionFor(guildId)?.identifies === 1 ? server.sessionFor(guildId) : undefined), 'IDENTIFY');
			await waitFor(() => server.udpOutage.droppedDiscoveries > discoveriesBefore, 'a dropped IP discovery');
			await sleep(1_000);

			expect(connection.state.status).to.equal(VoiceConnectionStatus.Connecting);
			expect(session.state).to.equal('connecting');
			expect(session.mode, 'no SELECT_PROTOCOL without an address').to.equal(undefined);

			server.restoreUdp();
			connection.rejoin();
			await waitFor(() => connection.state.status === VoiceConnectionStatus.Ready, 'the rejoined connection to be ready');
			expect(server.sessionFor(guildId)?.state).to.equal('ready');
		} finally {
			connection.destroy();
		}
	});

	describe('unacknowledged heartbeats', () => {
		let fastHeartbeats: VoiceServer;

		before(async () => {
			fastHeartbeats = await VoiceServer.start({ heartbeatIntervalMs: 200 });
		});

		after(async () => fastHeartbeats.stop());

		it('GIVEN a voice server that stops acknowledging heartbeats WHEN 3 are missed THEN the client closes the socket itself and resumes', async () => {
			bot = await joinAndPlayTone(fastHeartbeats, 440);
			const { session } = bot;

			fastHeartbeats.acknowledgeHeartbeats = false;
			await waitFor(() => session.closeCodes.length > 0, 'the client to give up on the socket', 5_000);
			fastHeartbeats.acknowledgeHeartbeats = true;
			await waitFor(() => session.resumes > 0 && session.state === 'ready', 'a resume', 5_000);
			await session.waitForAudio(5_000);

			// VoiceWebSocket closes without a code after 3 missed acks: the server sees 1005, a code the client resumes after.
			expect(session.closeCodes[0]).to.equal(1005);
			expect(session.identifies).to.equal(1);
		});
	});
});
