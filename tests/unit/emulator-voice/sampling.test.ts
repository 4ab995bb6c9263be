import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { VoiceServer } from '#emulator/voice/index';
import { joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

describe('voice emulator receive sampling (decryptOneIn, for load benchmarks)', () => {
	let server: VoiceServer | undefined;
	let bot: PlayingBot | undefined;

	afterEach(async () => {
		await bot?.stop();
		await server?.stop();
		bot = undefined;
		server = undefined;
	});

	it('GIVEN decryptOneIn 10 WHEN the bot plays a tone THEN every packet is counted, one in ten is decrypted, and the sampled frames carry the tone', async () => {
		server = await VoiceServer.start({ decryptOneIn: 10 });
		bot = await joinAndPlayTone(server, 440);
		await bot.session.waitForAudio(5_000);
		bot.session.resetStats();
		const audio = await bot.session.capture(3_000);
		await sleep(500);

		const { stats } = bot.session;
		expect(stats.packets).to.be.greaterThan(100);
		expect(stats.decrypted).to.be.within(Math.floor(stats.packets / 10), Math.ceil(stats.packets / 10));
		expect(stats.decryptFailures).to.equal(0);
		expect(bot.session.packetIntervalsMs).to.have.lengthOf(stats.packets);
		expect(bot.session.firstPacketAtMs).to.be.below(performance.now());
		expect(audio.opusFrames.length).to.be.below(audio.packets / 5);
		// One frame in ten, decoded back to back: the joins blur the spectrum a little, so 5 % instead of the usual 2 %.
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.05);
	});

	it('GIVEN decryptOneIn 0 WHEN starting the server THEN it refuses', async () => {
		const started = VoiceServer.start({ decryptOneIn: 0 });
		const error = await started.then(
			async (running) => {
				await running.stop();
				return null;
			},
			(reason: unknown) => reason
		);
		expect(String(error)).to.match(/decryptOneIn/);
	});
});
