import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '#emulator/voice/receiveStats';
import { playEverywhere } from './joins.js';
import type { LoopStationProcess } from './loopStation.js';
import type { Design, ListenerBenchOptions } from './options.js';
import { measureWindow, waitForQuiet, type WindowMeasurement } from './window.js';
import type { SealAndSendFloor } from './floor.js';
import { startWorld, stopWorld } from './world.js';

export interface ScenarioResult {
	design: Design;
	servers: number;
	stations: number;
	shards: number;
	startup: { toReadyMs: number; toReadyLogMs: number; toCommandsMs: number };
	joins: {
		seconds: number;
		ok: number;
		failed: number;
		/** A few failure reasons, for the report. */
		failures: string[];
		voiceStateUpdates: number;
		playToFirstAudioMs: { p50: number; p99: number; max: number };
	};
	window: WindowMeasurement;
	perPacket: {
		/** Bot CPU per packet delivered (one listener, one packet), µs. */
		botMicroseconds: number;
		/** Bot and ffmpeg CPU per packet delivered, µs. */
		totalMicroseconds: number;
		/** One AES-256-GCM seal with a fresh cipher plus one UDP send, µs, measured in the same run. */
		floorMicroseconds: number;
	};
	/** Warnings and errors the bot logged during the run. */
	botWarnings: number;
	botErrors: number;
	/** The most frequent warning and error messages, with their counts (what went wrong, not only how often). */
	botProblems: { msg: string; count: number }[];
}

/** The `top` most frequent strings, with their counts, most first. */
export function mostFrequent(values: readonly string[], top: number): { msg: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts]
		.map(([msg, count]) => ({ msg, count }))
		.sort((a, b) => b.count - a.count)
		.slice(0, top);
}

/** One design at one N: start, play everywhere, warm up, measure a steady window, stop. */
export async function runScenario(
	options: ListenerBenchOptions,
	design: Design,
	servers: number,
	station: LoopStationProcess,
	floor: SealAndSendFloor,
	log: (line: string) => void
): Promise<ScenarioResult> {
	log(`${design}, ${servers} servers over ${Math.min(options.stations, servers)} stations: starting the bot`);
	const world = await startWorld(options, design, servers, station);
	try {
		log(
			`  ready after ${Math.round(world.startup.toReadyMs)} ms; playing in ${servers} servers at ${options.joinsPerMinute * options.shards}/min`
		);
		const joins = await playEverywhere(world, options.joinsPerMinute * options.shards, log);
		const failures = joins.records.filter((record) => !record.ok);
		const latencies = joins.records
			.map((record) => record.playToFirstAudioMs)
			.filter((ms) => ms !== null)
			.sort((a, b) => a - b);
		log(`  joins took ${joins.seconds.toFixed(0)} s (${failures.length} failed); warming up ${options.warmupSeconds} s`);
		await sleep(options.warmupSeconds * 1_000);
		if (options.quietWaitSeconds > 0) await waitForQuiet(world, station.pid, options.quietWaitSeconds, log);
		log(`  measuring ${options.windowSeconds} s`);
		const window = await measureWindow(world, station.pid, options.windowSeconds);
		const { cpu } = window;
		const others = cpu.machine - cpu.bot - cpu.ffmpeg - cpu.emulator - cpu.station;
		if (window.delivery.deliveredRatio > 1.005)
			log(
				`  note: ${(window.delivery.deliveredRatio * 100).toFixed(1)} % delivered: the bot's audio cycle fell behind before the window and caught up in bursts`
			);
		if (others > 0.2) log(`  note: other processes used ${others.toFixed(2)} cores during the window; the numbers may be noisy`);
		if (options.heapSnapshot) {
			process.kill(world.bot.pid, 'SIGUSR2');
			log(`  heap snapshot: bench-results/profiles/Heap.*.${world.bot.pid}.*.heapsnapshot`);
		}
		const problems = mostFrequent(
			world.bot.logs.filter((line) => line.level >= 40).map((line) => String(line.msg)),
			5
		);
		if (problems.length > 0) log(`  bot warnings and errors: ${problems.map(({ msg, count }) => `${count} × ${msg}`).join('; ')}`);
		const perPacket = (cores: number) => (window.delivery.packets > 0 ? (cores * window.seconds * 1e6) / window.delivery.packets : 0);
		return {
			design,
			servers,
			stations: Math.min(options.stations, servers),
			shards: options.shards,
			startup: world.startup,
			joins: {
				seconds: joins.seconds,
				ok: joins.records.length - failures.length,
				failed: failures.length,
				// Interaction ids differ; the reasons are what repeats.
				failures: [...new Set(failures.map((record) => (record.error ?? 'unknown').replace(/\d{15,}/g, '…')))].slice(0, 5),
				voiceStateUpdates: joins.voiceStateUpdates,
				playToFirstAudioMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? 0 }
			},
			window,
			perPacket: {
				botMicroseconds: perPacket(window.cpu.bot),
				totalMicroseconds: perPacket(window.cpu.bot + window.cpu.ffmpeg),
				floorMicroseconds: floor.microsecondsPerPacket
			},
			botWarnings: world.bot.logs.filter((line) => line.level === 40).length,
			botErrors: world.bot.logs.filter((line) => line.level >= 50).length,
			botProblems: problems
		};
	} finally {
		// A heap snapshot blocks the bot while it is written; give it time before stopping.
		if (options.heapSnapshot) await sleep(Math.max(5_000, servers * 20));
		await stopWorld(world);
	}
}
