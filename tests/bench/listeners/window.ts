import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '#emulator/voice/receiveStats';
import { botProcessGroups, coresBetween, cpuSeconds, cpuSnapshot, loadAverage, machineBusySeconds, totalPssMiB, udpDrops } from './procStats.js';
import type { BenchWorld } from './world.js';

/** @discordjs/voice sends a 20 ms Opus frame: 50 packets a second per connection. */
export const PacketsPerSecond = 50;
/** An interval above this is a gap a listener may hear. */
export const GapMs = 40;

export interface WindowMeasurement {
	seconds: number;
	/** Cores (CPU seconds per second) over the window. */
	cpu: { bot: number; ffmpeg: number; emulator: number; station: number; machine: number };
	/** Proportional set size at the end of the window, MiB. */
	pssMiB: { bot: number; ffmpeg: number };
	ffmpegProcesses: number;
	load: { before: [number, number, number]; after: [number, number, number] };
	delivery: {
		expectedPerServer: number;
		packets: number;
		/** Packets received / (servers × 50/s × window), servers without a session counting 0. */
		deliveredRatio: number;
		worstServerRatio: number;
		serversBelow999: number;
		gaps: number;
		serversWithGaps: number;
		intervalMs: { p50: number; p99: number; max: number };
		sequenceGaps: number;
	};
	emulator: {
		udpDrops: number;
		eventLoopDelayP99Ms: number;
		sampledDecrypted: number;
		decryptFailures: number;
		daveFrames: number;
		passthroughFrames: number;
	};
}

/** Measures a steady window of `seconds`: CPU and memory of the bot, its ffmpeg, the emulator and the station, and what arrived. */
export async function measureWindow(world: BenchWorld, stationPid: number, seconds: number): Promise<WindowMeasurement> {
	const { emu, bot, guilds } = world;
	const sessions = guilds.map(({ guild }) => emu.voice(guild));
	const { udpPort } = emu.voiceServer;
	const before = botProcessGroups(bot.pid);
	const loadBefore = loadAverage();
	const delay = monitorEventLoopDelay({ resolution: 10 });

	for (const session of sessions) session?.resetStats();
	const startedAt = performance.now();
	const emulatorStart = process.cpuUsage();
	const dropsStart = udpDrops(udpPort);
	const machineStart = machineBusySeconds();
	const stationStart = cpuSeconds(stationPid) ?? 0;
	const botStart = cpuSnapshot(before.bot);
	const ffmpegStart = cpuSnapshot(before.ffmpeg);
	delay.enable();

	await sleep(seconds * 1_000);

	delay.disable();
	const after = botProcessGroups(bot.pid);
	const botEnd = cpuSnapshot(after.bot);
	const ffmpegEnd = cpuSnapshot([...new Set([...before.ffmpeg, ...after.ffmpeg])]);
	const stationEnd = cpuSeconds(stationPid) ?? stationStart;
	const machineEnd = machineBusySeconds();
	const dropsEnd = udpDrops(udpPort);
	const emulatorUsed = process.cpuUsage(emulatorStart);
	const elapsed = (performance.now() - startedAt) / 1_000;
	const stats = sessions.map((session) => session?.stats);
	const intervalLists = sessions.map((session) => session?.packetIntervalsMs ?? []);

	const expectedPerServer = PacketsPerSecond * elapsed;
	const ratios = stats.map((snapshot) => (snapshot?.packets ?? 0) / expectedPerServer);
	const pooled = new Float64Array(intervalLists.reduce((sum, list) => sum + list.length, 0));
	let offset = 0;
	for (const list of intervalLists) {
		pooled.set(list, offset);
		offset += list.length;
	}
	pooled.sort();
	const gapsPerServer = intervalLists.map((list) => list.filter((interval) => interval > GapMs).length);
	const sum = (pick: (snapshot: NonNullable<(typeof stats)[number]>) => number) =>
		stats.reduce((total, snapshot) => total + (snapshot ? pick(snapshot) : 0), 0);
	const packets = sum((snapshot) => snapshot.packets);

	return {
		seconds: elapsed,
		cpu: {
			bot: coresBetween(botStart, botEnd, elapsed),
			ffmpeg: coresBetween(ffmpegStart, ffmpegEnd, elapsed),
			emulator: (emulatorUsed.user + emulatorUsed.system) / 1e6 / elapsed,
			station: (stationEnd - stationStart) / elapsed,
			machine: (machineEnd - machineStart) / elapsed
		},
		pssMiB: { bot: totalPssMiB(after.bot), ffmpeg: totalPssMiB(after.ffmpeg) },
		ffmpegProcesses: after.ffmpeg.length,
		load: { before: loadBefore, after: loadAverage() },
		delivery: {
			expectedPerServer,
			packets,
			deliveredRatio: packets / (expectedPerServer * guilds.length),
			worstServerRatio: Math.min(...ratios),
			// One packet of slack: where the window's edges fall between two packets is luck, not loss.
			serversBelow999: stats.filter((snapshot) => (snapshot?.packets ?? 0) + 1 < 0.999 * expectedPerServer).length,
			gaps: gapsPerServer.reduce((total, gaps) => total + gaps, 0),
			serversWithGaps: gapsPerServer.filter((gaps) => gaps > 0).length,
			intervalMs: { p50: percentile(pooled, 0.5), p99: percentile(pooled, 0.99), max: pooled.at(-1) ?? 0 },
			sequenceGaps: sum((snapshot) => snapshot.sequenceGaps)
		},
		emulator: {
			udpDrops: dropsEnd - dropsStart,
			eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
			sampledDecrypted: sum((snapshot) => snapshot.decrypted),
			decryptFailures: sum((snapshot) => snapshot.decryptFailures),
			daveFrames: sum((snapshot) => snapshot.daveFrames),
			passthroughFrames: sum((snapshot) => snapshot.passthroughFrames)
		}
	};
}

/** CPU cores the machine spent on other processes than the bot, its ffmpeg, this process and the station, over `seconds`. */
async function otherProcessesCores(world: BenchWorld, stationPid: number, seconds: number): Promise<number> {
	const pids = [...Object.values(botProcessGroups(world.bot.pid)).flat(), stationPid];
	const before = cpuSnapshot(pids);
	const emulatorStart = process.cpuUsage();
	const machine = machineBusySeconds();
	await sleep(seconds * 1_000);
	const emulator = process.cpuUsage(emulatorStart);
	const ours = coresBetween(before, cpuSnapshot(pids), seconds) + (emulator.user + emulator.system) / 1e6 / seconds;
	return (machineBusySeconds() - machine) / seconds - ours;
}

/** Waits (up to `maxSeconds`) for 5 s in which other processes use less than a quarter of a core. */
export async function waitForQuiet(world: BenchWorld, stationPid: number, maxSeconds: number, log: (line: string) => void): Promise<void> {
	const deadline = performance.now() + maxSeconds * 1_000;
	for (;;) {
		const others = await otherProcessesCores(world, stationPid, 5);
		if (others < 0.25) return;
		if (performance.now() > deadline) {
			log(`  the machine did not get quiet within ${maxSeconds} s (others use ${others.toFixed(2)} cores); measuring anyway`);
			return;
		}
		log(`  waiting for a quiet machine: other processes use ${others.toFixed(2)} cores`);
	}
}
