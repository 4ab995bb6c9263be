import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botResources, type BotResources } from '#support/botResources';
import type { RadioWorld, WorldGuild } from '#support/RadioWorld';
import { recordReliabilityDocument, stopwatch } from '#support/reliability';
import type { SoakFigures } from '#support/reliabilityReport';
import { AudioMeter, expectNothingLeft, startFaultWorld, stopPlaying } from '../e2e/faults/faultKit.js';

/** `npm run soak`; SOAK_CYCLES, SOAK_SERVERS and SOAK_HEAP_LIMIT_MB change its size (defaults: the 2,000 cycles). */
const Cycles = Number(process.env.SOAK_CYCLES ?? 2_000);
const Servers = Number(process.env.SOAK_SERVERS ?? 20);
/**
 * Every cycle sends two gateway op 4s (join, leave), and Discord allows a connection 120 sends a minute (discord.js queues
 * the rest): faster than about 55 cycles a minute, joins wait in that queue and time out. The soak stays under it.
 */
const CyclesPerMinute = Number(process.env.SOAK_CYCLES_PER_MINUTE ?? 50);
const HeapLimitBytes = Number(process.env.SOAK_HEAP_LIMIT_MB ?? 24) * 1024 * 1024;
const Stations = [
	{ name: 'Tone A', alias: 'a', path: '/a.mp3', frequency: 440 },
	{ name: 'Tone B', alias: 'b', path: '/b.mp3', frequency: 550 },
	{ name: 'Tone C', alias: 'c', path: '/c.mp3', frequency: 660 }
];
/** Packets that prove a cycle's audio arrived (100 ms): enough to know the pipeline reached the call. */
const CyclePackets = 5;

/**
 * Join, play, hear, stop, leave, thousands of times across servers and stations (servers in parallel, each its cycles in
 * turn), then everything the bot holds must be back to its idle counts and the heap may have grown only within a bound.
 * Not part of `npm test`: it runs for many minutes.
 */
describe(`GIVEN the bot in ${Servers} servers and ${Stations.length} stations`, () => {
	let world: RadioWorld;
	let idle: BotResources;

	before(async () => {
		({ world, idle } = await startFaultWorld({
			stations: Stations,
			guilds: Servers,
			// No member hits the playback budget: the soak is about what stays behind, not about limits.
			config: { limits: { playback_changes: 1_000_000, playback_window_seconds: 1 } }
		}));
	});

	after(() => world?.stop());

	it(`WHEN ${Cycles} join/play/leave cycles run THEN sessions, pipelines, connections, listeners, sockets, timers and ffmpeg are back to idle and the heap grew within ${HeapLimitBytes / 1024 / 1024} MiB`, async () => {
		const elapsed = stopwatch();
		let done = 0;
		let peakBytes = idle.heapUsedBytes;
		const logs = world.bot.logs.length;

		async function cycle(place: WorldGuild, index: number): Promise<void> {
			const station = Stations[index % Stations.length]!;
			await place.member.joinVoice(place.lounge);
			const reply = await place.member.run('radio play', { station: station.alias });
			await reply.message();
			await world.emu.waitForVoice(place.guild, 30_000);
			await new AudioMeter(world, place.guild).until(CyclePackets, 30_000, `audio of cycle ${index} in ${place.guild.name}`);
			await stopPlaying(world, place);
			await place.member.leaveVoice();
		}

		/** A failed cycle says which one, and what the bot logged about that server last. */
		const traced = (place: WorldGuild, index: number) =>
			cycle(place, index).catch((error: unknown) => {
				const lines = world.bot.logs
					.filter((line) => line.guildId === place.guild.id)
					.slice(-25)
					.map((line) => JSON.stringify({ ...line, err: undefined, stack: undefined }).slice(0, 400));
				const file = join(tmpdir(), `alastor-soak-${process.pid}.log`);
				writeFileSync(file, world.bot.logs.map((line) => JSON.stringify(line)).join('\n'));
				throw new Error(
					`cycle ${index} in ${place.guild.name} (${done} done): ${(error as Error).message} (the bot's whole log: ${file})\n${lines.join('\n')}`
				);
			});

		await Promise.all(
			world.guilds.map(async (place, server) => {
				for (let index = server; index < Cycles; index += Servers) {
					const slot = (index * 60_000) / CyclesPerMinute - elapsed();
					if (slot > 0) await new Promise((resolve) => setTimeout(resolve, slot));
					await traced(place, index);
					done++;
					if (done % 100 === 0) {
						const now = await botResources(world.bot);
						peakBytes = Math.max(peakBytes, now.heapUsedBytes);
						console.log(
							`      ${done}/${Cycles} cycles, ${Math.round(elapsed() / 1_000)} s, heap ${(now.heapUsedBytes / 1024 / 1024).toFixed(1)} MiB, ffmpeg ${now.ffmpeg}, pipelines ${now.pipelines}`
						);
					}
				}
			})
		);
		const durationMs = elapsed();
		const after = await expectNothingLeft(world, idle, 120_000);
		const ffmpegStarted = world.bot.logs.slice(logs).filter((line) => line.msg === 'pipeline started').length;
		const figures: SoakFigures = {
			revision: `commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}`,
			cycles: Cycles,
			cyclesPerMinute: CyclesPerMinute,
			servers: Servers,
			stations: Stations.length,
			durationMs,
			before: { ...idle },
			after: { ...after },
			heap: { beforeBytes: idle.heapUsedBytes, afterBytes: after.heapUsedBytes, peakBytes, limitBytes: HeapLimitBytes },
			ffmpegStarted,
			ffmpegLeft: after.ffmpeg
		};
		console.log(`      before: ${JSON.stringify(idle)}\n      after:  ${JSON.stringify(after)}`);
		console.log(
			`      heap ${(figures.heap.beforeBytes / 1048576).toFixed(1)} → ${(figures.heap.afterBytes / 1048576).toFixed(1)} MiB (peak ${(peakBytes / 1048576).toFixed(1)}), ${ffmpegStarted} ffmpeg started, ${after.ffmpeg} left, ${Math.round(durationMs / 1_000)} s`
		);
		recordReliabilityDocument('soak', figures);
		expect(idle.gcRan && after.gcRan, 'heap figures after a GC (--expose-gc)').to.equal(true);
		expect(figures.heap.afterBytes - figures.heap.beforeBytes, 'heap growth').to.be.below(HeapLimitBytes);
	});
});
