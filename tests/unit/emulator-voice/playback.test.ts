import { expect } from 'chai';
import { VoiceServer, type EncryptionMode } from '#emulator/voice/index';
import { joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

describe('voice emulator playback with the real @discordjs/voice client', () => {
	let server: VoiceServer | undefined;
	let bot: PlayingBot | undefined;

	afterEach(async () => {
		await bot?.stop();
		await server?.stop();
		bot = undefined;
		server = undefined;
	});

	const cases: { offered: EncryptionMode[]; expected: EncryptionMode }[] = [
		{ offered: ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'], expected: 'aead_aes256_gcm_rtpsize' },
		// Needs the voice sodium hook (src/lib/voice/installVoiceSodiumHook.ts, preloaded by mocha): sodium-native 5's ESM
		// namespace lacks crypto_aead_xchacha20poly1305_ietf_ABYTES, and without it voice's encrypt throws "RangeError ... NaN".
		{ offered: ['aead_xchacha20_poly1305_rtpsize'], expected: 'aead_xchacha20_poly1305_rtpsize' }
	];
	for (const { offered, expected } of cases) {
		it(`GIVEN a voice server offering [${offered.join(', ')}] WHEN the bot plays a 440 Hz tone THEN 5 s of it arrive over ${expected}`, async () => {
			server = await VoiceServer.start({ modes: offered });
			bot = await joinAndPlayTone(server, 440);
			expect(bot.session.mode).to.equal(expected);
			// The client has @snazzah/davey and offers DAVE; with dave 'off' the server answers version 0 (plain Opus).
			expect(bot.session.clientMaxDaveProtocolVersion).to.equal(1);
			expect(bot.session.daveProtocolVersion).to.equal(0);

			const audio = await bot.session.capture(5_500);

			expect(audio.decryptFailures, 'decrypt failures').to.equal(0);
			expect(audio.seconds).to.be.at.least(5);
			expect(audio.sequenceGaps).to.equal(0);
			expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
			expect(bot.session.speaking).to.equal(true);
			expect(bot.session.stats.interPacketMs.mean).to.be.greaterThan(0);
		});
	}
});
