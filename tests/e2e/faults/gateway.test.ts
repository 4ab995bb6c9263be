import { expect } from 'chai';
import { once } from 'node:events';
import { renderMessage, type GatewaySession } from '#emulator/index';
import { Radio } from '#lib/i18n/keys/index';
import type { BotResources } from '#support/botResources';
import { en } from '#support/en';
import type { RadioWorld, WorldGuild } from '#support/RadioWorld';
import { recordReliability, stopwatch } from '#support/reliability';
import {
	addAdmin,
	AudioMeter,
	expectNothingLeft,
	expectSessionRecord,
	expectSettings,
	leaveEverywhere,
	logSince,
	PacketsPerSecond,
	playAndHear,
	startFaultWorld,
	stopPlaying
} from './faultKit.js';

const family = 'gateway';

/**
 * The main gateway fails while a server listens. Voice runs on its own connection, so audio must not even pause; the bot
 * must come back to a working session (resumed, or identified again) without anyone doing anything, answer commands
 * again, and keep its settings and its saved session.
 */
describe('GIVEN the bot playing in a server WHEN its gateway connection fails', () => {
	let world: RadioWorld;
	let idle: BotResources;
	let place: WorldGuild;

	before(async () => {
		// A 1 s heartbeat lets the bot notice a zombie connection within seconds (Discord's 41.25 s would take a minute).
		({ world, idle } = await startFaultWorld({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			emulator: { gateway: { heartbeatIntervalMs: 1_000 } },
			// One member plays and stops in every case: more than the 5 playback changes in 30 s a member may make.
			config: { limits: { playback_changes: 100 } }
		}));
		place = world.guilds[0]!;
		await (await addAdmin(place).run('setup voice', { channel: place.lounge.id })).message();
	});

	afterEach(() => leaveEverywhere(world));

	after(() => world?.stop());

	/**
	 * Plays, runs `fault` (which resolves once the gateway has recovered, with what recovered), and checks that audio went
	 * on throughout, that commands work again, that nothing was lost or left behind; records the case.
	 */
	async function survives(
		name: string,
		injected: string,
		logged: (line: Record<string, unknown>) => boolean,
		fault: (session: GatewaySession) => Promise<string>
	) {
		await playAndHear(world, place, 'sine');
		const session = world.emu.gateway.session!;
		const from = world.bot.logs.length;
		const meter = new AudioMeter(world, place.guild);
		const elapsed = stopwatch();

		const recovered = await fault(session);
		const recoveryMs = elapsed();
		await logSince(world, from, logged);
		// Two more seconds of audio after the recovery: playback went on through it.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const expected = (meter.elapsedMs / 1_000) * PacketsPerSecond;
		const ratio = meter.packets / expected;
		expect(ratio, `audio packets through the fault (${meter.packets} of ${Math.round(expected)})`).to.be.at.least(0.75);

		// The session works: an interaction reaches the bot and is answered.
		const info = renderMessage(await (await place.member.run('radio info')).message());
		expect(info).to.include(en(Radio.InfoNowPlaying)).and.include('Test Tone');
		await expectSettings(world, place.guild.id, { voiceChannelId: place.lounge.id });
		await expectSessionRecord(world, place.guild.id, { stationId: 'test-tone', channelId: place.lounge.id });

		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: name,
			injected,
			behaviour: `${recovered}; audio went on (${Math.round(ratio * 100)} % of the packets expected over ${(meter.elapsedMs / 1_000).toFixed(1)} s); /radio info answered after`,
			recoveryMs
		});
	}

	const resumed = (session: GatewaySession) =>
		once(world.emu.gateway, 'resumed', { signal: AbortSignal.timeout(30_000) }).then(([resumedSession]) => {
			expect(resumedSession, 'the same session resumed').to.equal(session);
			return `resumed the same session (${session.resumes.at(-1)!.replayed} events replayed)`;
		});
	const identified = (session: GatewaySession) =>
		once(world.emu.gateway, 'ready', { signal: AbortSignal.timeout(30_000) }).then(([fresh]) => {
			expect((fresh as GatewaySession).id, 'a new session').to.not.equal(session.id);
			expect(session.ended).to.equal(true);
			return 'identified a new session';
		});

	it('WHEN Discord sends op 7 RECONNECT THEN the bot resumes, audio never stops, and it logs why it reconnected', async () => {
		await survives(
			'op 7 RECONNECT',
			'op 7 on the main gateway',
			(line) => line.msg === 'gateway connection closed' && line.reason === 'Told to reconnect by Discord',
			async (session) => {
				const done = resumed(session);
				session.reconnect();
				return done;
			}
		);
	});

	it('WHEN Discord sends op 9 INVALID SESSION (resumable) THEN the bot resumes on the same socket, audio never stops, and it logs the op 9', async () => {
		await survives(
			'op 9 INVALID SESSION, resumable',
			'op 9 with d: true',
			(line) => line.msg === 'gateway session invalidated (op 9)' && line.resumable === true,
			async (session) => {
				const done = resumed(session);
				session.invalidate(true);
				return done;
			}
		);
	});

	it('WHEN Discord sends op 9 INVALID SESSION (not resumable) THEN the bot identifies anew, audio never stops, and it logs the op 9', async () => {
		await survives(
			'op 9 INVALID SESSION, not resumable',
			'op 9 with d: false (the session is gone)',
			(line) => line.msg === 'gateway session invalidated (op 9)' && line.resumable === false,
			async (session) => {
				const done = identified(session);
				session.invalidate(false);
				return done;
			}
		);
	});

	it('WHEN heartbeats stop being acknowledged (a zombie connection) THEN the bot drops it and resumes, audio never stops, and it logs the zombie', async () => {
		await survives(
			'missed heartbeat ACKs (zombie connection)',
			'no HEARTBEAT_ACK and no dispatch on the open socket',
			(line) => line.msg === 'gateway connection closed' && line.reason === 'Zombie connection',
			async (session) => {
				const done = resumed(session);
				session.stopHeartbeatAcks();
				return done;
			}
		);
	});

	it('WHEN Discord closes with 4009 (session timed out) THEN the bot identifies anew, audio never stops, and it logs the code', async () => {
		await survives(
			'close 4009 (session timed out)',
			'the socket closed with 4009; the session forgotten',
			(line) => line.msg === 'gateway connection closed' && line.code === 4009,
			async (session) => {
				const done = identified(session);
				session.close(4009);
				return done;
			}
		);
	});

	it('WHEN the connection closes in the middle of a burst of dispatches THEN the bot resumes, gets the rest replayed and answers every interaction of the burst', async () => {
		// The window is not under test here (other test runs share the CPU): only that no interaction is lost.
		world.emu.interactions.responseWindowMs = 15_000;
		try {
			await survives(
				'close in the middle of dispatching',
				'close 4000 right after the 2nd of 6 INTERACTION_CREATE dispatches',
				(line) => line.msg === 'gateway connection closed' && line.code === 4000,
				async (session) => {
					const done = resumed(session);
					session.closeAfterDispatches(2, 4000);
					const burst = await Promise.all(Array.from({ length: 6 }, () => place.member.run('radio info')));
					for (const handle of burst) expect(renderMessage(await handle.message())).to.include(en(Radio.InfoNowPlaying));
					const outcome = await done;
					expect(session.resumes.at(-1)!.replayed, 'dispatches replayed').to.be.at.least(4);
					return `${outcome}; all 6 interactions answered`;
				}
			);
		} finally {
			world.emu.interactions.responseWindowMs = 3_000;
		}
	});
});
