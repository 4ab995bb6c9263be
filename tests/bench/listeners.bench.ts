import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { measureSealAndSendFloor } from './listeners/floor.js';
import { spawnLoopStation } from './listeners/loopStation.js';
import { parseListenerBenchOptions } from './listeners/options.js';
import { loadAverage, machineInfo } from './listeners/procStats.js';
import { markdownSummary, markdownTables, type ListenerBenchReport } from './listeners/report.js';
import { runScenario } from './listeners/scenario.js';
import { stationFrequency, stationPath } from './listeners/world.js';
import type { BenchResult } from './run.js';

/** Minutes per run: only with `npm run bench -- listeners`. */
export const onlyWhenNamed = true;

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Issue #14's load bench: N servers, one listener each, over S local stations, started by real /radio play interactions;
 * the shared design (one ffmpeg per station) against the naive one (one per server). See docs/benchmarks.md.
 */
export default async function listenersBench(args: string[]): Promise<BenchResult[]> {
	const options = parseListenerBenchOptions(args);
	const startedAt = new Date();
	const out = resolve(options.out ?? `bench-results/listeners-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
	mkdirSync(dirname(out), { recursive: true });
	const machine = machineInfo();
	log(`machine: ${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB} GiB; load average ${loadAverage().join(' ')}`);
	if (options.servers.some((n) => n > 300) && options.shards === 1)
		log(`note: one shard joins about ${options.joinsPerMinute} servers a minute, so N = ${Math.max(...options.servers)} needs a long join phase`);

	const floor = await measureSealAndSendFloor();
	log(`floor: ${floor.microsecondsPerPacket.toFixed(2)} µs per packet (AES-256-GCM seal with a fresh cipher + UDP send)`);
	const station = await spawnLoopStation(
		Array.from({ length: options.stations }, (_, index) => ({
			path: stationPath(index),
			frequency: stationFrequency(index),
			title: `Bench tone ${stationFrequency(index)} Hz`
		}))
	);
	const report: ListenerBenchReport = {
		command: `npm run bench -- listeners ${args.join(' ')}`.trim(),
		startedAt: startedAt.toISOString(),
		finishedAt: startedAt.toISOString(),
		machine,
		options,
		floor,
		results: []
	};
	try {
		for (const servers of options.servers) {
			for (const design of options.designs) {
				report.results.push(await runScenario(options, design, servers, station, floor, log));
				report.finishedAt = new Date().toISOString();
				// Written after every scenario, so a long run that is interrupted keeps what it measured.
				writeFileSync(out, `${JSON.stringify(report, null, '\t')}\n`);
			}
		}
	} finally {
		await station.stop();
	}

	process.stdout.write(`\n${markdownSummary(report)}\n\n${markdownTables(report)}\nResults: ${out}\n`);
	return [
		{ name: 'AES-256-GCM seal + UDP send (floor)', value: floor.microsecondsPerPacket, unit: 'µs / packet', detail: `${floor.packets} packets` },
		...report.results.flatMap((result) => [
			{
				name: `${result.design} N=${result.servers}: bot + ffmpeg CPU`,
				value: result.window.cpu.bot + result.window.cpu.ffmpeg,
				unit: 'cores',
				detail: `${result.stations} stations, ${result.window.seconds.toFixed(0)} s window`
			},
			{ name: `${result.design} N=${result.servers}: packets delivered`, value: result.window.delivery.deliveredRatio * 100, unit: '%' }
		])
	];
}
