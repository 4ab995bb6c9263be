import { decodeOpusToMono, dominantFrequency, OPUS_SAMPLE_RATE } from '#emulator/audio/index';
import { hasDaveMagic, VoiceServer } from '#emulator/voice/index';
import { expect } from 'chai';
import { joinAndPlayTone, type PlayingBot } from './voiceClientHarness.js';

const alice = '400000000000000001';
const bob = '400000000000000002';

/** The dominant frequency of whatever an Opus decoder makes of `frames` (frames it rejects left out); NaN if none. */
function frequencyDecodedAsOpus(frames: readonly Buffer[]): number {
	const accepted = frames.filter((frame) => {
		try {
			decodeOpusToMono([frame]);
			return true;
		} catch {
			return false;
		}
	});
	try {
		return dominantFrequency(decodeOpusToMono(accepted), OPUS_SAMPLE_RATE);
	} catch {
		return Number.NaN;
	}
}

describe('voice emulator DAVE protocol v1 with the real @discordjs/voice client and @snazzah/davey', () => {
	let server: VoiceServer | undefined;
	let bot: PlayingBot | undefined;

	afterEach(async () => {
		await bot?.stop();
		await server?.stop();
		bot = undefined;
		server = undefined;
	});

	const join = (userId: string) => server!.setMemberVoiceChannel(bot!.guildId, userId, bot!.channelId);
	const leave = (userId: string) => server!.setMemberVoiceChannel(bot!.guildId, userId, null);

	it('GIVEN DAVE required and alice in the channel WHEN the bot plays a 440 Hz tone THEN every frame is DAVE-encrypted and alice decrypts the tone', async () => {
		server = await VoiceServer.start({ dave: 'required', modes: ['aead_aes256_gcm_rtpsize'] });
		bot = await joinAndPlayTone(server, 440);
		join(alice);
		const group = await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.includes(alice), 10_000);
		expect(bot.session.daveProtocolVersion).to.equal(1);
		expect(group.epoch).to.equal(1n);
		await bot.session.waitForDaveAudio(5_000);

		const audio = await bot.session.capture(3_000);

		expect(audio.daveFrames, 'DAVE frames').to.be.at.least(140);
		expect(audio.passthroughFrames, 'plain Opus frames').to.equal(0);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		// Without the group key the transport-decrypted payloads are no Opus tone: they carry the DAVE trailer and
		// what the Opus decoder makes of them (when it accepts them at all) is not 440 Hz.
		expect(audio.e2eePayloads.every(hasDaveMagic)).to.equal(true);
		const withoutKey = frequencyDecodedAsOpus(audio.e2eePayloads);
		expect(Number.isNaN(withoutKey) || Math.abs(withoutKey - 440) > 440 * 0.02, `${withoutKey} Hz without the group key`).to.equal(true);
		expect(bot.session.daveGroup.errors).to.deep.equal([]);
	});

	it('GIVEN alice decrypting WHEN bob joins mid-stream THEN a new epoch starts and both decrypt the tone', async () => {
		server = await VoiceServer.start({ dave: 'required' });
		bot = await joinAndPlayTone(server, 440);
		join(alice);
		const first = await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.includes(alice), 10_000);
		await bot.session.waitForDaveAudio(5_000);

		join(bob);
		const second = await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.includes(bob), 10_000);
		await bot.session.waitForDaveAudio(5_000);
		const [asAlice, asBob] = await Promise.all([bot.session.capture(2_000, { listener: alice }), bot.session.capture(2_000, { listener: bob })]);

		expect(second.epoch).to.equal(first.epoch! + 1n);
		expect(second.listeners).to.deep.equal([alice, bob]);
		for (const audio of [asAlice, asBob]) {
			expect(audio.daveFrames).to.be.at.least(90);
			expect(audio.passthroughFrames).to.equal(0);
			expect(audio.decryptFailures).to.equal(0);
			expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		}
		expect(bot.session.daveGroup.errors).to.deep.equal([]);
	});

	it('GIVEN alice and bob WHEN alice leaves THEN the group re-keys without her and bob still decrypts', async () => {
		server = await VoiceServer.start({ dave: 'required' });
		bot = await joinAndPlayTone(server, 440);
		join(alice);
		join(bob);
		const both = await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.length === 2, 10_000);

		leave(alice);
		const after = await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.length === 1, 10_000);
		await bot.session.waitForDaveAudio(5_000);
		const audio = await bot.session.capture(2_000, { listener: bob });

		expect(after.listeners).to.deep.equal([bob]);
		expect(after.epoch! > both.epoch!).to.equal(true);
		expect(audio.daveFrames).to.be.at.least(90);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
	});

	it('GIVEN alice listening WHEN the channel empties and bob joins THEN the group is reset and re-formed and bob decrypts within 5 s', async () => {
		server = await VoiceServer.start({ dave: 'required' });
		bot = await joinAndPlayTone(server, 440);
		join(alice);
		await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.includes(alice), 10_000);

		leave(alice);
		const alone = await bot.session.waitForDaveGroup((snapshot) => snapshot.soleMemberResets === 1, 5_000);
		expect(alone.listeners).to.deep.equal([]);
		expect(alone.epoch).to.equal(null);
		// Alone, the bot has no group: it sends plain Opus that no one can hear.
		const lonely = await bot.session.capture(500);
		expect(lonely.passthroughFrames).to.be.greaterThan(0);

		const joinedAt = performance.now();
		join(bob);
		await bot.session.waitForDaveAudio(5_000);
		const resumedAfterMs = performance.now() - joinedAt;
		const audio = await bot.session.capture(2_000, { listener: bob });

		expect(resumedAfterMs).to.be.below(5_000);
		expect(bot.session.daveGroup.listeners).to.deep.equal([bob]);
		expect(bot.session.daveGroup.epoch).to.equal(1n);
		expect(audio.daveFrames).to.be.at.least(90);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(bot.session.daveGroup.errors).to.deep.equal([]);
	});

	it('GIVEN DAVE offered and a client with davey WHEN it connects THEN DAVE version 1 is negotiated', async () => {
		server = await VoiceServer.start({ dave: 'offered' });
		bot = await joinAndPlayTone(server, 440);
		join(alice);
		await bot.session.waitForDaveGroup((snapshot) => snapshot.listeners.includes(alice), 10_000);
		expect(bot.session.daveProtocolVersion).to.equal(1);
	});
});
