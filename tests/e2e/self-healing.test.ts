import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { commandMention, en } from '#support/en';
import { ownProcessesWithMarker } from '#support/ownProcesses';
import { descendantProcesses } from '#support/processes';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { ensurePlaying } from '#support/worldState';

const RecoveryMs = 10_000;

describe('GIVEN the bot playing a station', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }] });
	});

	after(() => world?.stop());

	/** The station plays in the Lounge, its audio arriving: where each failure below starts from. */
	async function playing(): Promise<void> {
		await (await ensurePlaying(world, world.guilds[0]!, 'sine')).waitForAudio(10_000);
	}

	/** A full second of the right tone arrives again within 10 s, with nobody doing anything. */
	async function expectAudioFlowsAgain(): Promise<void> {
		const deadline = Date.now() + RecoveryMs;
		let last = 'no capture';
		while (Date.now() < deadline) {
			const current = await world.emu.waitForVoice(world.guilds[0]!.guild, deadline - Date.now());
			const audio = await current.capture(1_000, { waitForAudioMs: Math.max(0, deadline - Date.now()) });
			if (audio.seconds >= 0.9 && Math.abs(audio.dominantFrequency() - 440) <= 440 * 0.02) return;
			last = `${audio.seconds} s at ${audio.dominantFrequency()} Hz`;
		}
		expect.fail(`no second of 440 Hz within ${RecoveryMs} ms (last capture: ${last})`);
	}

	/** Waits until the bot has noticed the failure: no audio for a moment. */
	async function waitForSilence(): Promise<void> {
		await waitFor(
			async () => (await world.emu.voice(world.guilds[0]!.guild)!.capture(300, { waitForAudioMs: 0 })).packets === 0,
			'audio to stop',
			15_000,
			0
		);
	}

	it('WHEN its ffmpeg is killed THEN a new ffmpeg takes over and audio flows again within 10 s', async () => {
		await playing();
		const [ffmpeg] = descendantProcesses(world.bot.pid, 'ffmpeg');
		process.kill(ffmpeg!.pid, 'SIGKILL');
		await waitFor(() => descendantProcesses(world.bot.pid, 'ffmpeg').some((next) => next.pid !== ffmpeg!.pid), 'a new ffmpeg', RecoveryMs);
		await expectAudioFlowsAgain();
	});

	it('WHEN the station drops the HTTP connection THEN the bot reconnects and audio flows again within 10 s', async () => {
		await playing();
		const before = world.station.requests('/sine.mp3').length;
		world.station.dropConnections('/sine.mp3');
		await waitFor(() => world.station.requests('/sine.mp3').length > before, 'the bot to reconnect', RecoveryMs);
		await expectAudioFlowsAgain();
	});

	it('WHEN the stream stalls (connection open, no bytes) and then recovers THEN audio flows again within 10 s of the recovery', async () => {
		await playing();
		world.station.stall('/sine.mp3', true);
		try {
			await waitForSilence();
		} finally {
			world.station.stall('/sine.mp3', false);
		}
		await expectAudioFlowsAgain();
	});

	it('WHEN the gateway connection drops and the bot resumes THEN audio keeps flowing', async () => {
		await playing();
		const resumes = () => world.emu.gateway.received.filter((payload) => payload.op === 6).length;
		const before = resumes();
		world.emu.gateway.disconnect(4000);
		await waitFor(() => resumes() > before, 'the bot to send RESUME', RecoveryMs);
		await expectAudioFlowsAgain();
	});

	it('WHEN the voice server closes with 4015, 1006 and 4006 THEN the bot resumes or rejoins and audio flows again each time', async () => {
		await playing();
		for (const code of [4015, 1006, 4006]) {
			world.emu.voice(world.guilds[0]!.guild)!.close(code);
			await expectAudioFlowsAgain();
		}
	});
});

describe('GIVEN the bot playing a station that then dies for good', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Doomed Tone', alias: 'doomed', path: '/doomed.mp3', frequency: 440 },
				{ name: 'Spare Tone', alias: 'spare', path: '/spare.mp3', frequency: 660 }
			],
			config: { voice: { restart_attempts: 3, restart_max_delay_seconds: 2 } }
		});
		await (await world.play(world.guilds[0]!, 'doomed')).waitForAudio(10_000);
	});

	after(() => world?.stop());

	it('WHEN every reconnect fails THEN the listeners get a notice with other stations, the bot leaves, and no ffmpeg is left', async () => {
		const { guild, lounge } = world.guilds[0]!;
		// A hung server: connections stay open and nothing comes, not even headers.
		world.station.stall('/doomed.mp3', true);
		const notice = await waitFor(
			// The notice itself, not the now-playing card (which names the station too).
			() => guild.channelMessages(guild.defaultTextChannel.id).find((message) => String(message.content ?? '').includes('Doomed Tone')),
			'the station-dead notice',
			60_000,
			500
		);
		const text = renderMessage(notice);
		expect(text).to.include(en('commands/radio:noticeStationDead', { station: 'Doomed Tone' }));
		expect(text).to.include('Spare Tone');
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave', 10_000);
		expect(guild.voiceStates.get(world.emu.botUser.id)?.channelId ?? null).to.not.equal(lounge.id);
		await waitFor(() => ownProcessesWithMarker('alastor-station=doomed-tone').length === 0, 'ffmpeg to end', 10_000);
	});
});

describe('GIVEN the bot playing to one listener, with a 2 s idle timeout', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			config: { voice: { idle_timeout_seconds: 2 } }
		});
		await (await world.play(world.guilds[0]!, 'sine')).waitForAudio(10_000);
	});

	after(() => world?.stop());

	it('WHEN the listener leaves and nobody comes back THEN the bot leaves after the timeout and says so where play was issued', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		const idleNotice = en('commands/radio:noticeIdleLeft', { channel: `<#${lounge.id}>`, command: commandMention(world.emu, 'radio play') });
		await member.leaveVoice();
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave the empty channel', 10_000);
		// The notice is posted right after leaving; give it a moment to arrive.
		const notice = await waitFor(
			() => guild.channelMessages(guild.defaultTextChannel.id).find((message) => renderMessage(message).includes(idleNotice)),
			'the idle notice',
			5_000
		);
		expect(renderMessage(notice)).to.equal(idleNotice);
		await waitFor(() => ownProcessesWithMarker('alastor-station=test-tone').length === 0, 'ffmpeg to end', 10_000);
	});
});
