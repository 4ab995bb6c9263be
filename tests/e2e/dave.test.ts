import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'chai';
import { DiscordEmulator, renderMessage } from '#emulator/index';
import { hasDaveMagic } from '#emulator/voice/index';
import { BotEntryPoint, type BotProcess } from '#support/BotProcess';
import { enPattern } from '#support/en';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { ensureInVoice, ensureOutOfVoice, ensurePlaying } from '#support/worldState';

const sineStation = { name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440, title: 'Test Artist - First Song' };

const hooksDirectory = mkdtempSync(join(tmpdir(), 'alastor-dave-hooks-'));
after(() => rmSync(hooksDirectory, { recursive: true, force: true }));

/** A NODE_OPTIONS value that preloads `source` (an ES module registering sync module hooks) into the bot. */
function preload(name: string, source: string): string {
	const path = join(hooksDirectory, name);
	writeFileSync(path, source);
	return `--import=${pathToFileURL(path).href}`;
}

/** @discordjs/voice sees a davey that speaks no DAVE version: it identifies with max_dave_protocol_version 0. */
function voiceWithoutDave(): string {
	const shim = join(hooksDirectory, 'davey-without-dave.cjs');
	const realDavey = createRequire(import.meta.url).resolve('@snazzah/davey');
	writeFileSync(shim, `module.exports = { ...require(${JSON.stringify(realDavey)}), DAVE_PROTOCOL_VERSION: 0 };\n`);
	return preload(
		'voice-without-dave.mjs',
		`import { registerHooks } from 'node:module';
registerHooks({
	resolve(specifier, context, nextResolve) {
		if (specifier === '@snazzah/davey' && context.parentURL?.includes('/@discordjs/voice/')) return { url: ${JSON.stringify(pathToFileURL(shim).href)}, format: 'commonjs', shortCircuit: true };
		return nextResolve(specifier, context);
	}
});
`
	);
}

/** @snazzah/davey cannot be found by anyone, as after an install without it. */
function daveyMissing(): string {
	return preload(
		'davey-missing.mjs',
		`import { registerHooks } from 'node:module';
registerHooks({
	resolve(specifier, context, nextResolve) {
		if (specifier === '@snazzah/davey') throw Object.assign(new Error("Cannot find module '@snazzah/davey'"), { code: 'MODULE_NOT_FOUND' });
		return nextResolve(specifier, context);
	}
});
`
	);
}

describe('GIVEN the real bot on an emulated Discord that requires DAVE, and a 440 Hz test station', () => {
	let world: RadioWorld;
	let emu: DiscordEmulator;
	let bot: BotProcess;
	let guild: WorldGuild['guild'];
	let lounge: WorldGuild['lounge'];
	let alice: WorldGuild['member'];
	let bob: WorldGuild['member'];

	before(async () => {
		world = await RadioWorld.start({ stations: [sineStation] });
		({ emu, bot } = world);
		({ guild, lounge, member: alice } = world.guilds[0]!);
		bob = guild.addMember({ username: 'bob' });
	});

	after(() => world?.stop());

	/** The sine station plays in the Lounge with alice in its DAVE group, and every listener there decrypts it. */
	async function aliceListening() {
		const voice = await ensurePlaying(world, world.guilds[0]!, 'sine');
		await voice.waitForDaveGroup((group) => group.listeners.includes(alice.id), 10_000);
		await voice.waitForDaveAudio(5_000);
		return voice;
	}

	/** `member` is in the Lounge and in the voice session's DAVE group (or out of both), and audio decrypts again. */
	async function inGroup(member: WorldGuild['member'], wanted: boolean) {
		const voice = emu.voice(guild)!;
		if (wanted) await ensureInVoice(member, lounge);
		else await ensureOutOfVoice(member);
		await voice.waitForDaveGroup((group) => group.listeners.includes(member.id) === wanted, 10_000);
		await voice.waitForDaveAudio(5_000);
	}

	it('WHEN the bot starts THEN it logs the @snazzah/davey version it uses for DAVE', async () => {
		const line = await bot.waitForLog((entry) => entry.msg === 'DAVE end-to-end voice encryption available');
		expect(line.davey).to.equal((createRequire(import.meta.url)('@snazzah/davey') as { VERSION: string }).VERSION);
		expect(line.daveProtocolVersion).to.equal(1);
	});

	it('WHEN alice plays the sine station THEN the frames are DAVE-encrypted (0xFAFA, no tone without the group key) and alice decrypts 440 Hz', async () => {
		await ensureInVoice(alice, lounge);
		await alice.run('radio play', { station: 'sine' });
		const voice = await emu.waitForVoice(guild, 20_000);
		await voice.waitForDaveGroup((group) => group.listeners.includes(alice.id), 10_000);
		await voice.waitForDaveAudio(5_000);

		const audio = await voice.capture(3_000, { listener: alice.id });

		expect(voice.daveProtocolVersion).to.equal(1);
		expect(audio.daveFrames).to.be.at.least(140);
		expect(audio.passthroughFrames).to.equal(0);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.e2eePayloads.every(hasDaveMagic)).to.equal(true);
		// The bot's Opus frames differ from what arrives inside the transport encryption: E2EE is really applied.
		expect(audio.e2eePayloads.some((payload, index) => payload.equals(audio.opusFrames[index]!))).to.equal(false);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(voice.daveGroup.errors).to.deep.equal([]);
	});

	it('WHEN bob joins mid-stream THEN a new epoch starts and alice and bob both decrypt the tone', async () => {
		const voice = await aliceListening();
		await inGroup(bob, false);
		const before = voice.daveGroup.epoch!;
		await bob.joinVoice(lounge);
		const group = await voice.waitForDaveGroup((snapshot) => snapshot.listeners.includes(bob.id), 10_000);
		await voice.waitForDaveAudio(5_000);

		const [asAlice, asBob] = await Promise.all([voice.capture(2_000, { listener: alice.id }), voice.capture(2_000, { listener: bob.id })]);

		expect(group.epoch).to.equal(before + 1n);
		for (const audio of [asAlice, asBob]) {
			expect(audio.daveFrames).to.be.at.least(90);
			expect(audio.passthroughFrames).to.equal(0);
			expect(audio.decryptFailures).to.equal(0);
			expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		}
	});

	it('WHEN everyone leaves and alice comes back THEN the group is reset and re-formed and her audio decrypts within 5 s', async () => {
		const voice = await aliceListening();
		await inGroup(bob, true);
		const resets = voice.daveGroup.soleMemberResets;
		await bob.leaveVoice();
		await alice.leaveVoice();
		await voice.waitForDaveGroup((group) => group.soleMemberResets === resets + 1, 5_000);
		expect(voice.daveGroup.listeners).to.deep.equal([]);

		const rejoinedAt = performance.now();
		await alice.joinVoice(lounge);
		await voice.waitForDaveAudio(5_000);
		const resumedAfterMs = performance.now() - rejoinedAt;
		const audio = await voice.capture(2_000, { listener: alice.id });

		expect(resumedAfterMs).to.be.below(5_000);
		expect(emu.voice(guild)).to.equal(voice);
		expect(voice.daveGroup.listeners).to.deep.equal([alice.id]);
		expect(audio.daveFrames).to.be.at.least(90);
		expect(audio.passthroughFrames).to.equal(0);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(voice.daveGroup.errors).to.deep.equal([]);
	});
});

describe('GIVEN a bot whose voice library cannot negotiate DAVE, against a DAVE-required emulator', () => {
	let world: RadioWorld;
	let emu: DiscordEmulator;
	let bot: BotProcess;

	before(async () => {
		world = await RadioWorld.start({
			stations: [sineStation],
			guilds: 0,
			emulator: { voice: { dave: 'required' } },
			env: { NODE_OPTIONS: voiceWithoutDave() }
		});
		({ emu, bot } = world);
	});

	after(() => world?.stop());

	it('WHEN alice plays a station THEN the voice server closes with 4017, the bot makes a bounded number of attempts, logs one clear error and stays up', async () => {
		const guild = emu.createGuild({ name: 'Old Library Club' });
		await waitFor(() => emu.gateway.isAnnounced(guild.id), 'the guild to reach the bot');
		const lounge = guild.addVoiceChannel('Lounge');
		const alice = guild.addMember({ username: 'alice' });
		await alice.joinVoice(lounge);
		const reply = await alice.run('radio play', { station: 'sine' });
		// The bot answers once its join has failed (its join timeout is 15 s).
		const answer = renderMessage(await reply.message(40_000));
		const attempts = emu.voiceServer.rejectedIdentifies.length;
		const daveErrors = bot.logs.filter((line) => line.level >= 50 && /4017|DAVE/.test(`${line.msg} ${JSON.stringify(line.err ?? '')}`));

		expect(emu.voiceServer.rejectedIdentifies.every((rejection) => rejection.closeCode === 4017)).to.equal(true);
		expect(answer).to.not.match(enPattern('commands/radio:playNowPlaying', { station: /.*/, channel: /.*/ }));
		expect(bot.hasExited).to.equal(false);
		// Bounded: the first join plus at most VoiceService's maxRejoinAttempts (5).
		expect(attempts, `${attempts} identify attempts closed with 4017`).to.be.within(1, 6);
		expect(daveErrors, 'error log lines about DAVE / 4017').to.have.lengthOf(1);
	});
});

describe('GIVEN @snazzah/davey cannot be loaded', () => {
	it('WHEN the bot starts THEN it prints one clear error line and exits 78, without connecting', async () => {
		const emu = await DiscordEmulator.start();
		try {
			const child = spawn(process.execPath, [BotEntryPoint], {
				env: { ...process.env, ...emu.botEnv(), HEALTH_PORT: 'off', NODE_OPTIONS: daveyMissing() },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let stderr = '';
			child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
			const [code] = (await once(child, 'exit')) as [number];

			expect(code).to.equal(78);
			const lines = stderr.trim().split('\n');
			expect(lines, stderr).to.have.lengthOf(1);
			expect(lines[0]).to.match(/^DAVE unavailable: @snazzah\/davey could not be used \(Cannot find module '@snazzah\/davey'\)/);
			expect(emu.gateway.identified).to.equal(false);
		} finally {
			await emu.stop();
		}
	});
});
