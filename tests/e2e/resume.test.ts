import { expect } from 'chai';
import { once } from 'node:events';
import type { EmulatedGuild } from '#emulator/index';
import type { VoiceSession } from '#emulator/voice/index';
import type { SessionRecord } from '#lib/settings/types';
import { en } from '#support/en';
import { descendantProcesses, isAlive } from '#support/processes';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { embedField, ensurePlaying, ensureStopped, ensureVolume, logCursor } from '#support/worldState';

const IdleTimeoutSeconds = 2;

/** Three servers: "low" and "high" play when a test ensures it, "allDay" is set to 24/7 with the 660 Hz station at 40 %. */
interface Scenario {
	world: RadioWorld;
	low: WorldGuild;
	high: WorldGuild;
	allDay: WorldGuild;
}

async function startScenario(): Promise<Scenario> {
	const world = await RadioWorld.start({
		stations: [
			{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 },
			{ name: 'High Tone', alias: 'high', path: '/high.mp3', frequency: 660 }
		],
		guilds: 3,
		config: { voice: { idle_timeout_seconds: IdleTimeoutSeconds } }
	});
	const [low, high, allDay] = world.guilds as [WorldGuild, WorldGuild, WorldGuild];
	// Only after the bot's start-up pass over saved sessions and 24/7 servers: written before it, 24/7 would join now.
	await world.bot.waitForLog((line) => line.msg === 'resuming voice sessions');
	// Settings written straight into the bot's settings file, as /setup would store them; the running bot reads them at its next start.
	await world.withSettings((store) =>
		store.updateGuild(allDay.guild.id, {
			autoJoin: true,
			voiceChannelId: allDay.lounge.id,
			defaultStationId: 'high-tone',
			volume: { default: 40 }
		})
	);
	return { world, low, high, allDay };
}

/** Low plays at 100 %, high at 50 % (what a test ensures before it looks at or restarts them). */
async function bothPlaying({ world, low, high }: Scenario): Promise<void> {
	await ensurePlaying(world, low, 'low');
	await ensurePlaying(world, high, 'high');
	await ensureVolume(low, 100);
	await ensureVolume(high, 50);
}

const savedSessions = (world: RadioWorld): Promise<SessionRecord[]> => world.withSettings((store) => store.listSessions());

/** Waits until the saved session records of `guilds` hold their current volume (records are written in the background). */
async function sessionsSaved(world: RadioWorld, volumes: [WorldGuild, number][]): Promise<SessionRecord[]> {
	return waitFor(async () => {
		const records = await savedSessions(world);
		return volumes.every(([{ guild }, volume]) => records.some((record) => record.guildId === guild.id && record.volume === volume))
			? records
			: null;
	}, 'the sessions to be saved');
}

/** Waits until the bot runs `count` ffmpeg pipelines (one that lost its last listener ends after its 1 s grace time). */
async function pipelines(world: RadioWorld, count: number): Promise<void> {
	const running = () =>
		descendantProcesses(world.bot.pid, 'ffmpeg').map(
			({ args }) => `${args.find((arg) => arg.startsWith('comment='))} ${args.includes('-af') ? args[args.indexOf('-af') + 1] : ''}`
		);
	await waitFor(() => running().length === count || null, `${count} pipelines`).catch((error: Error) => {
		throw new Error(`${error.message}; running: ${JSON.stringify(running())}`);
	});
}

/** The guild's voice session once it is ready and is not `previous` (a rejoin after a restart or a kick). */
async function freshVoice(world: RadioWorld, guild: EmulatedGuild, previous: VoiceSession | undefined, timeoutMs = 20_000): Promise<VoiceSession> {
	return waitFor(
		() => {
			const current = world.emu.voice(guild);
			return current && current !== previous && current.state === 'ready' ? current : null;
		},
		`a new voice session in ${guild.name}`,
		timeoutMs,
		50
	);
}

describe('GIVEN two servers playing (440 Hz; 660 Hz at 50 %) and a third set to 24/7 with the 660 Hz station at 40 %', () => {
	let scenario: Scenario;

	before(async () => {
		scenario = await startScenario();
	});

	after(() => scenario?.world.stop());

	it('WHEN they play THEN each session is saved with its channel, station and volume', async () => {
		const { world, low, high } = scenario;
		await bothPlaying(scenario);
		const expected = [
			{ guildId: low.guild.id, channelId: low.lounge.id, stationId: 'low-tone', volume: 100 },
			{ guildId: high.guild.id, channelId: high.lounge.id, stationId: 'high-tone', volume: 50 }
		];
		const sessions = await waitFor(async () => {
			const records = (await savedSessions(world)).map(({ guildId, channelId, stationId, volume }) => ({
				guildId,
				channelId,
				stationId,
				volume
			}));
			return records.length === 2 && records.some((record) => record.volume === 50) ? records : null;
		}, 'both sessions to be saved');
		expect(sessions.sort((a, b) => a.volume - b.volume)).to.deep.equal(expected.sort((a, b) => a.volume - b.volume));
	});
});

describe('GIVEN the same three servers, and the bot SIGKILLed once while two of them play (its own world)', () => {
	let scenario: Scenario;
	const killedFfmpegs: number[] = [];

	interface Restart {
		savedBeforeKill: SessionRecord[];
		readyAt: number;
		rejoinedAt: number[];
	}
	let restart: Promise<Restart> | undefined;

	/**
	 * Low and high play and their sessions are saved; then the bot is SIGKILLed and started on the same file. Done once,
	 * by whichever test comes first; each test then looks at the outcome, none changes it.
	 */
	const killedAndRestarted = (): Promise<Restart> =>
		(restart ??= (async () => {
			const { world } = scenario;
			await bothPlaying(scenario);
			const savedBeforeKill = await sessionsSaved(world, [
				[scenario.low, 100],
				[scenario.high, 50]
			]);
			await pipelines(world, 2);
			killedFfmpegs.push(...descendantProcesses(world.bot.pid, 'ffmpeg').map((process) => process.pid));
			const previous = world.guilds.map(({ guild }) => world.emu.voice(guild));

			const readyAt = once(world.emu.gateway, 'ready').then(() => Date.now());
			await world.restartBot({ signal: 'SIGKILL' });
			const rejoinedAt = await Promise.all(
				world.guilds.map(async ({ guild }, index) => {
					await freshVoice(world, guild, previous[index]);
					return Date.now();
				})
			);
			return { savedBeforeKill, readyAt: await readyAt, rejoinedAt };
		})());

	before(async () => {
		scenario = await startScenario();
	});

	after(async () => {
		await scenario?.world.stop();
		// Nothing the killed bot started may outlive the test.
		const survivors = killedFfmpegs.filter(isAlive);
		expect(survivors, 'ffmpeg processes of the SIGKILLed bot still running').to.deep.equal([]);
	});

	it('WHEN the bot is SIGKILLed and started again THEN within 10 s of READY both servers play again in their channels with their stations, and the 24/7 server joins with its default station', async () => {
		const { readyAt, rejoinedAt } = await killedAndRestarted();
		const { world } = scenario;
		for (const [index, at] of rejoinedAt.entries()) expect(at - readyAt, `server ${index + 1} rejoined after READY`).to.be.below(10_000);

		for (const [index, { lounge, guild }] of world.guilds.entries()) {
			expect(guild.voiceStates.get(world.emu.botUser.id)?.channelId, `server ${index + 1}'s channel`).to.equal(lounge.id);
		}
		const captures = await Promise.all(world.guilds.map(async ({ guild }) => (await world.emu.waitForVoice(guild)).capture(2_000)));
		const frequencies = captures.map((audio) => audio.dominantFrequency());
		expect(frequencies[0]).to.be.closeTo(440, 10);
		expect(frequencies[1]).to.be.closeTo(660, 15);
		expect(frequencies[2]).to.be.closeTo(660, 15);
	});

	it('WHEN asked after the restart THEN each server keeps its volume: the saved one, and the default for the 24/7 join', async () => {
		const { savedBeforeKill } = await killedAndRestarted();
		const { world, low, high, allDay } = scenario;
		const volumeOf = async ({ member }: WorldGuild) =>
			embedField(await (await member.run('radio info', {})).message(), en('commands/radio:infoVolume'));
		expect(await volumeOf(low)).to.equal(en('commands/radio:infoVolumeValue', { volume: 100 }));
		expect(await volumeOf(high)).to.equal(en('commands/radio:infoVolumeValue', { volume: 50 }));
		expect(await volumeOf(allDay)).to.equal(en('commands/radio:infoVolumeValue', { volume: 40 }));
		// Three pipelines: 440 Hz at 100 %, 660 Hz at 50 % and at 40 %.
		await pipelines(world, 3);
		// A resumed session keeps its start time ("playing since"), in the store too.
		const saved = await savedSessions(world);
		for (const before of savedBeforeKill) expect(saved.find((record) => record.guildId === before.guildId)?.since).to.equal(before.since);
	});

	it('WHEN the killed bot is gone THEN none of its ffmpeg processes are left', async () => {
		await killedAndRestarted();
		expect(killedFfmpegs).to.have.lengthOf(2);
		await waitFor(() => killedFfmpegs.every((pid) => !isAlive(pid)) || null, 'the orphaned ffmpeg processes to exit', 15_000);
	});
});

describe('GIVEN the same three servers, after a start that read the 24/7 setting (its own world: these tests leave, kick and restart)', () => {
	let scenario: Scenario;

	before(async () => {
		scenario = await startScenario();
		// Started again, the bot reads the 24/7 setting and joins with the default station.
		await scenario.world.restartBot({ signal: 'SIGTERM' });
	});

	after(() => scenario?.world.stop());

	/** The 24/7 server's voice session, ready in its channel (the bot comes back by itself after a kick or a restart). */
	const allDayPlaying = () => scenario.world.emu.waitForVoice(scenario.allDay.guild, 30_000);

	it('WHEN a normal server empties THEN the bot leaves it after the idle time, but stays alone in the 24/7 channel', async () => {
		const { world, low, allDay } = scenario;
		await allDayPlaying();
		await ensurePlaying(world, low, 'low');
		const logs = logCursor(world.bot);
		await low.member.leaveVoice();
		await logs.waitFor((line) => line.msg === 'left an empty channel' && line.guildId === low.guild.id, 15_000);
		// The 24/7 channel has been empty since the bot joined it, before low emptied: longer than the idle time.
		expect(world.emu.voice(allDay.guild)?.state).to.equal('ready');
		expect(world.bot.logs.some((line) => line.msg === 'left an empty channel' && line.guildId === allDay.guild.id)).to.equal(false);
		// Leaving an empty channel ends the session for good: its record goes (written in the background).
		const saved = await waitFor(async () => {
			const records = await savedSessions(world);
			return records.some((record) => record.guildId === low.guild.id) ? null : records;
		}, 'the idle session record to be deleted');
		expect(saved.map((record) => record.guildId)).to.include(allDay.guild.id);
	});

	it('WHEN the bot is kicked from the 24/7 channel THEN it joins it again by itself', async () => {
		const { world, allDay } = scenario;
		const kicked = await allDayPlaying();
		// What Discord does on a kick: the bot's voice state goes, its voice connection closes with 4014.
		allDay.guild.setVoiceState(world.emu.botUser.id, null);
		world.emu.voiceServer.endSession(allDay.guild.id);
		const session = await freshVoice(world, allDay.guild, kicked, 30_000);
		expect(allDay.guild.voiceStates.get(world.emu.botUser.id)?.channelId).to.equal(allDay.lounge.id);
		expect((await session.capture(1_500)).dominantFrequency()).to.be.closeTo(660, 15);
	});

	it('WHEN the bot is stopped gracefully (SIGTERM) and started again THEN the sessions resume too, and saved sessions whose channel or station is gone are dropped', async () => {
		const { world, low, high, allDay } = scenario;
		// High plays, the 24/7 server is in its channel, and low was left (as after it emptied).
		await allDayPlaying();
		await ensurePlaying(world, high, 'high');
		await ensureVolume(high, 50);
		await ensureStopped(world, low);
		await sessionsSaved(world, [
			[high, 50],
			[allDay, 40]
		]);
		const previous = world.guilds.map(({ guild }) => world.emu.voice(guild));
		// Two stale records: one for a channel that was deleted, one (in a new server) for a station no longer in the config.
		const fourth = world.emu.createGuild({ name: 'Server 4' });
		const stale = { volume: 100, textChannelId: null, since: Date.now(), card: null, failoverFromId: null };
		await world.withSettings(async (store) => {
			await store.saveSession({ ...stale, guildId: low.guild.id, channelId: '123456789012345678', stationId: 'low-tone' });
			await store.saveSession({ ...stale, guildId: fourth.id, channelId: fourth.addVoiceChannel('Lounge').id, stationId: 'no-such-station' });
		});

		await world.restartBot({ signal: 'SIGTERM' });
		const [highSession, allDaySession] = await Promise.all([
			freshVoice(world, high.guild, previous[1]),
			freshVoice(world, allDay.guild, previous[2])
		]);
		const [highAudio, allDayAudio] = await Promise.all([highSession.capture(1_500), allDaySession.capture(1_500)]);
		expect(highAudio.dominantFrequency()).to.be.closeTo(660, 15);
		expect(allDayAudio.dominantFrequency()).to.be.closeTo(660, 15);
		// The server that was left stays left.
		expect(world.emu.voice(low.guild)?.state).to.not.equal('ready');

		await world.bot.waitForLog((line) => line.msg === 'session dropped: voice channel gone' && line.guildId === low.guild.id);
		await world.bot.waitForLog((line) => line.msg === 'session dropped: station gone' && line.guildId === fourth.id);
		const remaining = await waitFor(async () => {
			const guilds = (await savedSessions(world)).map((record) => record.guildId);
			return guilds.includes(low.guild.id) || guilds.includes(fourth.id) ? null : guilds;
		}, 'the stale records to be deleted');
		expect(remaining.sort()).to.deep.equal([high.guild.id, allDay.guild.id].sort());
		expect(world.emu.voice(fourth)).to.equal(undefined);
	});
});
