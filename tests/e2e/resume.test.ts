import { expect } from 'chai';
import { once } from 'node:events';
import type { EmulatedGuild } from '#emulator/index';
import { renderMessage } from '#emulator/index';
import type { VoiceSession } from '#emulator/voice/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { SessionRecord } from '#lib/settings/types';
import { descendantProcesses, isAlive } from '#support/processes';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

const IdleTimeoutSeconds = 2;

describe('GIVEN two servers playing (440 Hz; 660 Hz at 50 %) and a third set to 24/7 with the 660 Hz station at 40 %', () => {
	let world: RadioWorld;
	let low: WorldGuild;
	let high: WorldGuild;
	let allDay: WorldGuild;
	const killedFfmpegs: number[] = [];
	let savedBeforeKill: SessionRecord[] = [];

	/** The guild's voice session once it is ready and is not `previous` (a rejoin after a restart or a kick). */
	async function freshVoice(guild: EmulatedGuild, previous: VoiceSession | undefined, timeoutMs = 20_000): Promise<VoiceSession> {
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

	async function savedSessions(): Promise<SessionRecord[]> {
		const store = await openSettingsStore({ sqlitePath: world.bot.settingsPath });
		try {
			return await store.listSessions();
		} finally {
			await store.close();
		}
	}

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 },
				{ name: 'High Tone', alias: 'high', path: '/high.mp3', frequency: 660 }
			],
			guilds: 3,
			config: { voice: { idle_timeout_seconds: IdleTimeoutSeconds } }
		});
		[low, high, allDay] = world.guilds as [WorldGuild, WorldGuild, WorldGuild];
		await world.play(low, 'low');
		await world.play(high, 'high');
		await (await high.member.run('radio volume', { percent: 50 })).message();

		// Settings written straight into the bot's settings file, as /setup would store them.
		const store = await openSettingsStore({ sqlitePath: world.bot.settingsPath });
		await store.updateGuild(allDay.guild.id, {
			autoJoin: true,
			voiceChannelId: allDay.lounge.id,
			defaultStationId: 'high-tone',
			volume: { default: 40 }
		});
		await store.close();
	});

	after(async () => {
		await world?.stop();
		// Nothing the killed bot started may outlive the test.
		const survivors = killedFfmpegs.filter(isAlive);
		expect(survivors, 'ffmpeg processes of the SIGKILLed bot still running').to.deep.equal([]);
	});

	it('WHEN they play THEN each session is saved with its channel, station and volume', async () => {
		const expected = [
			{ guildId: low.guild.id, channelId: low.lounge.id, stationId: 'low-tone', volume: 100 },
			{ guildId: high.guild.id, channelId: high.lounge.id, stationId: 'high-tone', volume: 50 }
		];
		const sessions = await waitFor(async () => {
			const records = (await savedSessions()).map(({ guildId, channelId, stationId, volume }) => ({ guildId, channelId, stationId, volume }));
			return records.length === 2 && records.some((record) => record.volume === 50) ? records : null;
		}, 'both sessions to be saved');
		expect(sessions.sort((a, b) => a.volume - b.volume)).to.deep.equal(expected.sort((a, b) => a.volume - b.volume));
		savedBeforeKill = await savedSessions();
	});

	it('WHEN the bot is SIGKILLed and started again THEN within 10 s of READY both servers play again in their channels with their stations, and the 24/7 server joins with its default station', async () => {
		await waitFor(() => descendantProcesses(world.bot.pid, 'ffmpeg').length === 2 || null, 'both pipelines to run');
		killedFfmpegs.push(...descendantProcesses(world.bot.pid, 'ffmpeg').map((process) => process.pid));
		const previous = world.guilds.map(({ guild }) => world.emu.voice(guild));

		const readyAt = once(world.emu.gateway, 'ready').then(() => Date.now());
		await world.restartBot({ signal: 'SIGKILL' });
		const rejoined = await Promise.all(
			world.guilds.map(async ({ guild }, index) => {
				const session = await freshVoice(guild, previous[index]);
				return { session, at: Date.now() };
			})
		);
		const ready = await readyAt;
		for (const [index, { at }] of rejoined.entries()) expect(at - ready, `server ${index + 1} rejoined after READY`).to.be.below(10_000);

		for (const [index, { lounge, guild }] of world.guilds.entries()) {
			expect(guild.voiceStates.get(world.emu.botUser.id)?.channelId, `server ${index + 1}'s channel`).to.equal(lounge.id);
		}
		const captures = await Promise.all(rejoined.map(({ session }) => session.capture(2_000)));
		const frequencies = captures.map((audio) => audio.dominantFrequency());
		expect(frequencies[0]).to.be.closeTo(440, 10);
		expect(frequencies[1]).to.be.closeTo(660, 15);
		expect(frequencies[2]).to.be.closeTo(660, 15);
	});

	it('WHEN asked after the restart THEN each server keeps its volume: the saved one, and the default for the 24/7 join', async () => {
		const volumeOf = async ({ member }: WorldGuild) => renderMessage(await (await member.run('radio info', {})).message());
		expect(await volumeOf(low)).to.include('Volume: 100 %');
		expect(await volumeOf(high)).to.include('Volume: 50 %');
		expect(await volumeOf(allDay)).to.include('Volume: 40 %');
		// Three pipelines: 440 Hz at 100 %, 660 Hz at 50 % and at 40 %.
		await waitFor(() => descendantProcesses(world.bot.pid, 'ffmpeg').length === 3 || null, 'three pipelines');
		// A resumed session keeps its start time ("playing since"), in the store too.
		const saved = await savedSessions();
		for (const before of savedBeforeKill) expect(saved.find((record) => record.guildId === before.guildId)?.since).to.equal(before.since);
	});

	it('WHEN the killed bot is gone THEN none of its ffmpeg processes are left', async () => {
		expect(killedFfmpegs).to.have.lengthOf(2);
		await waitFor(() => killedFfmpegs.every((pid) => !isAlive(pid)) || null, 'the orphaned ffmpeg processes to exit', 15_000);
	});

	it('WHEN a normal server empties THEN the bot leaves it after the idle time, but stays alone in the 24/7 channel', async () => {
		await low.member.leaveVoice();
		await world.bot.waitForLog((line) => line.msg === 'left an empty channel' && line.guildId === low.guild.id, 15_000);
		// The 24/7 channel has been empty since the restart, longer than the idle time.
		expect(world.emu.voice(allDay.guild)?.state).to.equal('ready');
		expect(world.bot.logs.some((line) => line.msg === 'left an empty channel' && line.guildId === allDay.guild.id)).to.equal(false);
		// Leaving an empty channel ends the session for good: its record goes (written in the background).
		const saved = await waitFor(async () => {
			const records = await savedSessions();
			return records.some((record) => record.guildId === low.guild.id) ? null : records;
		}, 'the idle session record to be deleted');
		expect(saved.map((record) => record.guildId)).to.include(allDay.guild.id);
	});

	it('WHEN the bot is kicked from the 24/7 channel THEN it joins it again by itself', async () => {
		const kicked = world.emu.voice(allDay.guild);
		// What Discord does on a kick: the bot's voice state goes, its voice connection closes with 4014.
		allDay.guild.setVoiceState(world.emu.botUser.id, null);
		world.emu.voiceServer.endSession(allDay.guild.id);
		const session = await freshVoice(allDay.guild, kicked, 30_000);
		expect(allDay.guild.voiceStates.get(world.emu.botUser.id)?.channelId).to.equal(allDay.lounge.id);
		expect((await session.capture(1_500)).dominantFrequency()).to.be.closeTo(660, 15);
	});

	it('WHEN the bot is stopped gracefully (SIGTERM) and started again THEN the sessions resume too, and saved sessions whose channel or station is gone are dropped', async () => {
		const previous = world.guilds.map(({ guild }) => world.emu.voice(guild));
		// Two stale records: one for a channel that was deleted, one (in a new server) for a station no longer in the config.
		const fourth = world.emu.createGuild({ name: 'Server 4' });
		const stale = { volume: 100, textChannelId: null, since: Date.now(), card: null, failoverFromId: null };
		const store = await openSettingsStore({ sqlitePath: world.bot.settingsPath });
		await store.saveSession({ ...stale, guildId: low.guild.id, channelId: '123456789012345678', stationId: 'low-tone' });
		await store.saveSession({ ...stale, guildId: fourth.id, channelId: fourth.addVoiceChannel('Lounge').id, stationId: 'no-such-station' });
		await store.close();

		await world.restartBot({ signal: 'SIGTERM' });
		const [highSession, allDaySession] = await Promise.all([freshVoice(high.guild, previous[1]), freshVoice(allDay.guild, previous[2])]);
		const [highAudio, allDayAudio] = await Promise.all([highSession.capture(1_500), allDaySession.capture(1_500)]);
		expect(highAudio.dominantFrequency()).to.be.closeTo(660, 15);
		expect(allDayAudio.dominantFrequency()).to.be.closeTo(660, 15);
		// The server that was left for being empty stays left.
		expect(world.emu.voice(low.guild)?.state).to.not.equal('ready');

		await world.bot.waitForLog((line) => line.msg === 'session dropped: voice channel gone' && line.guildId === low.guild.id);
		await world.bot.waitForLog((line) => line.msg === 'session dropped: station gone' && line.guildId === fourth.id);
		const remaining = await waitFor(async () => {
			const guilds = (await savedSessions()).map((record) => record.guildId);
			return guilds.includes(low.guild.id) || guilds.includes(fourth.id) ? null : guilds;
		}, 'the stale records to be deleted');
		expect(remaining.sort()).to.deep.equal([high.guild.id, allDay.guild.id].sort());
		expect(world.emu.voice(fourth)).to.equal(undefined);
	});
});
