import { expect } from 'chai';
import type { BotResources } from '#support/botResources';
import type { RadioWorld } from '#support/RadioWorld';
import { recordReliability, stopwatch } from '#support/reliability';
import { waitFor } from '#support/waitFor';
import {
	AudioMeter,
	expectNothingLeft,
	expectSessionRecord,
	leaveEverywhere,
	logSince,
	PacketsPerSecond,
	playAndHear,
	startFaultWorld,
	stopPlaying
} from './faultKit.js';

const family = 'voice';
const UdpOutageMs = 30_000;

/** How @discordjs/voice 0.19 (and the bot's recipe around it) treats each class of voice close code. */
const closeCodes = [
	{ code: 4015, kind: 'resume', meaning: 'voice server crashed: the client resumes the session' },
	{ code: 1006, kind: 'resume', meaning: 'no close frame (a dropped TCP connection): resumed like any code below 4000' },
	{ code: 4006, kind: 'rejoin', meaning: 'session no longer valid: the client rejoins through the gateway (op 4)' },
	{ code: 4014, kind: 'leave', meaning: 'disconnected (kicked) with no new channel: the bot waits 5 s for Discord to move it, then leaves' },
	{ code: 4017, kind: 'leave', meaning: 'DAVE required: rejoining could never work, so the bot stops instead of looping' }
] as const;

/**
 * The voice connection fails while a server listens. Each case plays in its own server (nothing carries over from
 * another case), checks what the listeners hear afterwards, what the log says, what a restart would resume, and that
 * the bot holds nothing more than when idle once it stopped.
 */
describe('GIVEN the bot playing in servers WHEN their voice connections fail', () => {
	let world: RadioWorld;
	let idle: BotResources;
	let nextGuild = 0;
	const place = () => world.guilds[nextGuild++]!;

	before(async () => {
		({ world, idle } = await startFaultWorld({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: closeCodes.length + 4,
			config: { voice: { idle_timeout_seconds: 120 } }
		}));
	});

	afterEach(() => leaveEverywhere(world));

	after(() => world?.stop());

	for (const { code, kind, meaning } of closeCodes) {
		const outcome =
			kind === 'leave' ? 'THEN the bot leaves cleanly, forgets the session and logs the code' : `THEN the bot ${kind}s and audio flows again`;
		it(`WHEN the voice server closes with ${code} ${outcome}`, async () => {
			const here = place();
			await playAndHear(world, here, 'sine');
			const logs = world.bot.logs.length;
			const elapsed = stopwatch();
			world.emu.voice(here.guild)!.close(code);

			// 4017 has its own line (the bot stops on purpose); every other code the generic one.
			await logSince(world, logs, (line) => line.code === code && (line.msg === 'voice server closed the connection' || line.level === 50));
			if (kind === 'leave') {
				await waitFor(() => !here.guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave', 30_000);
				const recoveryMs = elapsed();
				const ended = await logSince(world, logs, (line) => line.msg === 'session ended' && line.guildId === here.guild.id);
				await expectSessionRecord(world, here.guild.id, null);
				await expectNothingLeft(world, idle);
				recordReliability({
					family,
					case: `close ${code}`,
					injected: `the voice server closed the bot's connection with ${code}`,
					behaviour: `${meaning}; session ended (${String(ended.reason)}), record deleted, ffmpeg ended after the grace time`,
					recoveryMs
				});
				return;
			}
			const meter = new AudioMeter(world, here.guild);
			const recoveryMs = (await meter.until(PacketsPerSecond, 30_000)) + (elapsed() - meter.elapsedMs);
			await expectSessionRecord(world, here.guild.id, { stationId: 'test-tone', channelId: here.lounge.id });
			await stopPlaying(world, here);
			await expectNothingLeft(world, idle);
			recordReliability({
				family,
				case: `close ${code}`,
				injected: `the voice server closed the bot's connection with ${code}`,
				behaviour: `${meaning}; a second of audio again, saved session unchanged; warn line with the code`,
				recoveryMs
			});
		});
	}

	it('WHEN UDP is dropped for 30 s THEN the bot keeps its connection and sending, and audio arrives again once UDP does', async () => {
		const here = place();
		await playAndHear(world, here, 'sine');
		const session = world.emu.voice(here.guild)!;
		const server = world.emu.voiceFaults.dropUdp(here.guild, UdpOutageMs);
		const during = new AudioMeter(world, here.guild);
		await new Promise((resolve) => setTimeout(resolve, UdpOutageMs - 1_000));
		expect(during.packets, 'packets that got through the outage').to.be.below(PacketsPerSecond);
		expect(session.stats.droppedPackets, 'the bot kept sending into the outage').to.be.at.least(10 * PacketsPerSecond);
		await waitFor(() => !server.udpOutage.active, 'the outage to end', 5_000);

		const meter = new AudioMeter(world, here.guild);
		const recoveryMs = await meter.until(PacketsPerSecond, 30_000);
		expect(world.emu.voice(here.guild), 'the same voice session (no rejoin needed)').to.equal(session);
		await expectSessionRecord(world, here.guild.id, { stationId: 'test-tone', channelId: here.lounge.id });
		await stopPlaying(world, here);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: 'UDP dropped for 30 s',
			injected: 'every RTP packet to the voice server thrown away for 30 s',
			behaviour: `kept the session and sent on (${session.stats.droppedPackets} packets lost); audio arrived again on the same session; no log line: nothing tells a sender that UDP is lost`,
			recoveryMs
		});
	});

	it('WHEN Discord moves the call to another voice server THEN the bot connects to the new endpoint and audio flows there', async () => {
		const here = place();
		await playAndHear(world, here, 'sine');
		const before = world.emu.voice(here.guild)!;
		const logs = world.bot.logs.length;
		const elapsed = stopwatch();
		const target = await world.emu.voiceFaults.moveServer(here.guild);

		const meter = new AudioMeter(world, here.guild);
		await meter.until(PacketsPerSecond, 30_000);
		const recoveryMs = elapsed();
		expect(world.emu.voice(here.guild), 'a session on the new server').to.not.equal(before);
		expect(target.endpoint).to.not.equal(world.emu.voiceServer.endpoint);
		await logSince(world, logs, (line) => line.msg === 'connecting to a voice server' && line.endpoint === target.endpoint);
		await expectSessionRecord(world, here.guild.id, { stationId: 'test-tone', channelId: here.lounge.id });
		await stopPlaying(world, here);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: 'voice server moved',
			injected: 'VOICE_SERVER_UPDATE with another endpoint; the old server ends the old call',
			behaviour: 'connected to the new endpoint (logged), a second of audio there; same channel and saved session',
			recoveryMs
		});
	});

	it('WHEN a moderator moves the bot to another channel THEN it plays on there and the saved session follows it', async () => {
		const here = place();
		const other = here.guild.addVoiceChannel('Other Room');
		const bob = here.guild.addMember({ username: 'bob' });
		await bob.joinVoice(other);
		await playAndHear(world, here, 'sine');
		const logs = world.bot.logs.length;
		const elapsed = stopwatch();
		await world.emu.voiceFaults.moveBot(here.guild, other);

		await waitFor(() => world.emu.voice(here.guild)?.channelId === other.id, 'a voice session in the other channel', 30_000);
		await new AudioMeter(world, here.guild).until(PacketsPerSecond, 30_000);
		const recoveryMs = elapsed();
		await logSince(world, logs, (line) => line.msg === 'moved to another voice channel' && line.to === other.id);
		await expectSessionRecord(world, here.guild.id, { stationId: 'test-tone', channelId: other.id });
		await stopPlaying(world, here);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: 'bot moved to another channel',
			injected: 'close 4014, then VOICE_STATE_UPDATE (new channel) and VOICE_SERVER_UPDATE, as a moderator’s drag does',
			behaviour: 'followed to the new channel (logged), a second of audio there; the saved session now names the new channel',
			recoveryMs
		});
	});

	it('WHEN the voice channel is deleted while playing THEN the bot leaves at once, forgets the session and ends its ffmpeg', async () => {
		const here = place();
		await playAndHear(world, here, 'sine');
		const logs = world.bot.logs.length;
		const elapsed = stopwatch();
		here.guild.removeChannel(here.lounge.id);

		await logSince(world, logs, (line) => line.msg === 'removed from the voice channel' && line.channelId === here.lounge.id);
		const ended = await logSince(world, logs, (line) => line.msg === 'session ended' && line.guildId === here.guild.id);
		const recoveryMs = elapsed();
		await expectSessionRecord(world, here.guild.id, null);
		await expectNothingLeft(world, idle);
		expect(
			world.bot.logs.slice(logs).filter((line) => line.msg === 'rejoining voice'),
			'no rejoin into a deleted channel'
		).to.deep.equal([]);
		recordReliability({
			family,
			case: 'channel deleted while playing',
			injected: 'CHANNEL_DELETE, everyone’s VOICE_STATE_UPDATE to no channel, the call terminated (4022)',
			behaviour: `"removed from the voice channel" logged, session ended (${String(ended.reason)}) without a rejoin, record deleted, ffmpeg ended after the grace time`,
			recoveryMs
		});
	});
});
