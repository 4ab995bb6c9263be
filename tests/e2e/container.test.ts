import { expect } from 'chai';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { DefaultMemberPermissions, DiscordEmulator, Permission, renderMessage } from '#emulator/index';
import { BotContainer, freePort, podman, podmanOk, processUids } from '#support/BotContainer';
import { botConfigFor } from '#support/botConfig';
import { descendantProcesses } from '#support/processes';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';

/** The image under test, e.g. alastor:test; `.ci/run` builds it and sets this. */
const image = process.env.ALASTOR_TEST_IMAGE?.trim() ?? '';
const skipReason = 'SKIPPED, no image given: build one (bash .ci/image) and set ALASTOR_TEST_IMAGE=alastor:test; .ci/run does both';
/** sysexits EX_CONFIG: the bot's exit code for a setup it cannot start with. */
const ExitConfigError = 78;
/** The bot runs within the limits docker-compose.yml gives it. */
const composeService = (
	parse(readFileSync(fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url)), 'utf8')) as {
		services: { alastor: { mem_limit: string; cpus: number } };
	}
).services.alastor;

describe('GIVEN the Docker image run by podman (host network, the limits of docker-compose.yml) against the emulator and a local 440 Hz station', () => {
	if (!image) {
		// A pending test, not a passing one: the skip shows in every run's summary.
		it(skipReason);
		return;
	}

	const tag = `alastor-e2e-${process.pid}`;
	let station: TestStation;
	let emu: DiscordEmulator;
	let directory: string;
	let healthPort: number;
	let bot: BotContainer;
	let starts = 0;
	let guild: ReturnType<DiscordEmulator['createGuild']>;
	let lounge: ReturnType<typeof guild.addVoiceChannel>;
	let listener: ReturnType<typeof guild.addMember>;

	/** Starts a container from the image on the shared settings volume; resolves once it identified and registered /radio. */
	async function startContainer(): Promise<BotContainer> {
		const identified = once(emu.gateway, 'ready', { signal: AbortSignal.timeout(90_000) });
		const container = await BotContainer.start({
			image,
			name: `${tag}-${++starts}`,
			volume: tag,
			configPath: join(directory, 'config.yaml'),
			caCertPath: emu.caCertPath,
			env: { ...emu.botEnv(), HEALTH_PORT: String(healthPort), LOG_LEVEL: 'debug' },
			limits: { memory: composeService.mem_limit, cpus: composeService.cpus }
		});
		await identified.catch(async () => {
			throw new Error(`the container did not identify within 90 s; its log:\n${await container.logs()}`);
		});
		await emu.waitForCommands((commands) => commands.some((command) => command.name === 'radio'), 30_000);
		return container;
	}

	async function play(): Promise<void> {
		if (guild.voiceStates.get(listener.user.id)?.channelId !== lounge.id) await listener.joinVoice(lounge);
		expect(renderMessage(await (await listener.run('radio play', { station: 'sine' })).message())).to.include('Test Tone');
	}

	before(async function startWorld(this: Mocha.Context) {
		this.timeout(180_000);
		if ((await podman(['image', 'exists', image])).code !== 0) throw new Error(`podman has no image ${image}; build it first`);
		station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: 440, title: 'Test Artist - Container Song' } } });
		emu = await DiscordEmulator.start();
		guild = emu.createGuild({ name: 'Container Server' });
		lounge = guild.addVoiceChannel('Lounge');
		listener = guild.addMember({ username: 'listener' });
		directory = mkdtempSync(join(tmpdir(), 'alastor-container-e2e-'));
		writeFileSync(join(directory, 'config.yaml'), stringify(botConfigFor(station)));
		healthPort = await freePort();
		await podmanOk(['volume', 'create', tag]);
		bot = await startContainer();
	});

	after(async function stopWorld(this: Mocha.Context) {
		this.timeout(60_000);
		for (let start = 1; start <= starts; start++) await podman(['rm', '--force', '--time', '0', `${tag}-${start}`]);
		await podman(['volume', 'rm', '--force', tag]);
		await emu?.stop();
		await station?.stop();
		if (directory) rmSync(directory, { recursive: true, force: true });
	});

	it('WHEN a member plays the station THEN the emulator decrypts the 440 Hz tone, DAVE-encrypted, from one ffmpeg inside the container', async function playsTone(this: Mocha.Context) {
		this.timeout(90_000);
		await play();

		const voice = await emu.waitForVoice(guild, 30_000);
		expect(voice.channelId).to.equal(lounge.id);
		const audio = await voice.capture(3_000);
		expect(audio.seconds).to.be.at.least(2.5);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		// DAVE works: the image holds @snazzah/davey's native binary.
		expect(voice.daveProtocolVersion).to.equal(1);
		expect(audio.daveFrames).to.be.greaterThan(0);
		expect(descendantProcesses(await bot.pid(), 'ffmpeg').map(({ command }) => command)).to.deep.equal(['/usr/bin/ffmpeg']);
	});

	it("WHEN the image's own HEALTHCHECK command runs in the connected container THEN it reports healthy", async () => {
		const { code, output, status } = await bot.health();

		expect(code, output).to.equal(0);
		expect(status).to.equal('healthy');
	});

	it('THEN every process in it (init, node, ffmpeg) runs as an unprivileged user', async function unprivileged(this: Mocha.Context) {
		this.timeout(90_000);
		await play();
		await emu.waitForVoice(guild, 30_000);
		const init = await bot.pid();
		const processes = [init, ...[...descendantProcesses(init, 'node'), ...descendantProcesses(init, 'ffmpeg')].map(({ pid }) => pid)];

		expect(processes).to.have.lengthOf(3);
		for (const pid of processes) {
			const { real, effective } = processUids(pid);
			expect(real, `uid of ${pid}`).to.not.equal(0);
			expect(effective, `effective uid of ${pid}`).to.not.equal(0);
		}
		expect(await podmanOk(['exec', bot.name, 'id', '-un'])).to.equal('node');
	});

	it('GIVEN the files in the image THEN it holds no compiler, no object files or static libraries, no sqlite3 sources, and none of the dev-only or npm ffmpeg packages', async () => {
		const script = [
			'for tool in cc gcc g++ make python3; do command -v $tool; done',
			"find / -xdev -type f \\( -name '*.o' -o -name '*.a' \\) -print 2>/dev/null",
			'cd /app/node_modules && ls -d typescript mocha @discordjs/opus ffmpeg-static @ffmpeg-installer sqlite3/deps sqlite3/src 2>/dev/null',
			'true'
		].join('; ');

		const found = await podmanOk(['exec', bot.name, 'sh', '-c', script]);

		expect(found.split('\n').filter(Boolean)).to.deep.equal([]);
	});

	it('WHEN an admin sets up the server and the container is stopped (SIGTERM) while playing and replaced by a new one on the same volume THEN the old one shuts down by itself with exit code 0, and the new one keeps the settings and plays again', async function replacedContainer(this: Mocha.Context) {
		this.timeout(240_000);
		await play();
		await (await emu.waitForVoice(guild, 30_000)).waitForAudio(10_000);
		const admin = guild.addMember({ username: 'owner', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		await (await admin.run('setup voice', { channel: lounge.id })).message();
		await (await admin.run('setup language', { locale: 'de' })).message();
		const show = async () => renderMessage(await (await admin.run('setup show')).message());
		const before = await show();
		expect(before).to.include(`<#${lounge.id}>`);

		// Exit 0 within the grace time: tini passed SIGTERM on and the bot shut down by itself (a SIGKILL would be 137).
		expect(await bot.stop(), await bot.logs()).to.equal(0);
		expect(await bot.logs()).to.include('"msg":"shutdown complete"');
		await bot.remove();
		bot = await startContainer();

		expect(await show()).to.equal(before);
		// The saved session resumes by itself, in the saved channel.
		await waitFor(() => emu.voice(guild)?.channelId === lounge.id, 'the new container to rejoin the Lounge', 30_000);
		const audio = await emu.voice(guild)!.capture(1_000);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
	});
});

describe('GIVEN the Docker image started without DISCORD_TOKEN', () => {
	if (!image) {
		it(skipReason);
		return;
	}

	it('WHEN it starts THEN it says in one line that the token is missing and exits 78 (the image has no offline demo)', async function withoutToken(this: Mocha.Context) {
		this.timeout(90_000);
		const { code, stdout, stderr } = await podman(['run', '--rm', '--no-healthcheck', image]);

		expect(code, stderr).to.equal(ExitConfigError);
		expect(stdout).to.equal('');
		expect(stderr.trim().split('\n')).to.deep.equal([
			'DISCORD_TOKEN is not set, and this build has no offline demo. Set DISCORD_TOKEN to your bot token.'
		]);
	});
});
