import type { SealAndSendFloor } from './floor.js';
import type { ListenerBenchOptions } from './options.js';
import type { MachineInfo } from './procStats.js';
import type { ScenarioResult } from './scenario.js';

/** What `npm run bench -- listeners` writes to bench-results/*.json; the chart and docs are made from it. */
export interface ListenerBenchReport {
	command: string;
	startedAt: string;
	finishedAt: string;
	machine: MachineInfo;
	options: ListenerBenchOptions;
	floor: SealAndSendFloor;
	results: ScenarioResult[];
}

interface Row {
	label: string;
	value(result: ScenarioResult): number | null;
	digits: number;
	/** Text instead of the number (e.g. "p50 / p99"); the ratio still uses value(). */
	text?(result: ScenarioResult): string;
	/** No naive/shared ratio for this row. */
	noRatio?: boolean;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** CPU the machine spent on anything but this bench's processes during the window (other sessions, the kernel's own work). */
export function otherCores({ window: { cpu } }: ScenarioResult): number {
	return Math.max(0, cpu.machine - cpu.bot - cpu.ffmpeg - cpu.emulator - cpu.station);
}
const percent = (ratio: number) => ratio * 100;

function rows(): Row[] {
	return [
		{ label: 'ffmpeg processes', value: (r) => r.window.ffmpegProcesses, digits: 0 },
		{ label: 'bot CPU (cores)', value: (r) => r.window.cpu.bot, digits: 3 },
		{ label: 'ffmpeg CPU (cores)', value: (r) => r.window.cpu.ffmpeg, digits: 3 },
		{ label: '**bot + ffmpeg CPU (cores)**', value: (r) => r.window.cpu.bot + r.window.cpu.ffmpeg, digits: 3 },
		{ label: 'bot PSS (MiB)', value: (r) => r.window.pssMiB.bot, digits: 0 },
		{ label: 'ffmpeg PSS (MiB)', value: (r) => r.window.pssMiB.ffmpeg, digits: 0 },
		{ label: '**bot + ffmpeg PSS (MiB)**', value: (r) => r.window.pssMiB.bot + r.window.pssMiB.ffmpeg, digits: 0 },
		{ label: 'bot CPU per packet (µs)', value: (r) => r.perPacket.botMicroseconds, digits: 1 },
		{ label: 'floor: AES-GCM seal + UDP send (µs)', value: (r) => r.perPacket.floorMicroseconds, digits: 1, noRatio: true },
		{ label: 'bot CPU per packet ÷ floor', value: (r) => r.perPacket.botMicroseconds / r.perPacket.floorMicroseconds, digits: 2 },
		{ label: 'bot + ffmpeg CPU per packet (µs)', value: (r) => r.perPacket.totalMicroseconds, digits: 1 },
		{ label: '**packets delivered (%)**', value: (r) => percent(r.window.delivery.deliveredRatio), digits: 2 },
		{ label: 'worst server (%)', value: (r) => percent(r.window.delivery.worstServerRatio), digits: 1 },
		{ label: 'servers below 99.9 %', value: (r) => r.window.delivery.serversBelow999, digits: 0 },
		{
			label: `gaps > 40 ms (servers with one)`,
			value: (r) => r.window.delivery.gaps,
			digits: 0,
			text: (r) => `${r.window.delivery.gaps} (${r.window.delivery.serversWithGaps})`
		},
		{ label: 'inter-packet p50 (ms)', value: (r) => r.window.delivery.intervalMs.p50, digits: 1 },
		{ label: '**inter-packet p99 (ms)**', value: (r) => r.window.delivery.intervalMs.p99, digits: 1 },
		{ label: 'inter-packet max (ms)', value: (r) => r.window.delivery.intervalMs.max, digits: 0 },
		{ label: 'play → first audio p50 (ms)', value: (r) => r.joins.playToFirstAudioMs.p50, digits: 0 },
		{ label: 'play → first audio p99 (ms)', value: (r) => r.joins.playToFirstAudioMs.p99, digits: 0 },
		{ label: 'startup → READY (ms)', value: (r) => r.startup.toReadyMs, digits: 0 },
		{ label: 'startup → commands registered (ms)', value: (r) => r.startup.toCommandsMs, digits: 0 },
		{ label: 'joins: duration (s)', value: (r) => r.joins.seconds, digits: 0, noRatio: true },
		{ label: 'joins: failed', value: (r) => r.joins.failed, digits: 0, noRatio: true },
		{ label: 'emulator CPU (cores)', value: (r) => r.window.cpu.emulator, digits: 3 },
		{ label: 'emulator event-loop delay p99 (ms)', value: (r) => r.window.emulator.eventLoopDelayP99Ms, digits: 1, noRatio: true },
		{ label: 'emulator UDP drops (kernel)', value: (r) => r.window.emulator.udpDrops, digits: 0, noRatio: true },
		{
			label: 'sampled packets decrypted (failures)',
			value: (r) => r.window.emulator.sampledDecrypted,
			digits: 0,
			noRatio: true,
			text: (r) => `${r.window.emulator.sampledDecrypted} (${r.window.emulator.decryptFailures})`
		},
		{ label: 'station CPU (cores)', value: (r) => r.window.cpu.station, digits: 3, noRatio: true },
		{ label: 'machine CPU, all processes (cores)', value: (r) => r.window.cpu.machine, digits: 2, noRatio: true },
		{ label: "other processes' CPU (cores): noise", value: otherCores, digits: 2, noRatio: true },
		{
			label: 'load average before / after',
			value: (r) => r.window.load.after[0],
			digits: 2,
			noRatio: true,
			text: (r) => `${fixed(r.window.load.before[0], 2)} / ${fixed(r.window.load.after[0], 2)}`
		}
	];
}

function cell(row: Row, result: ScenarioResult | undefined): string {
	if (!result) return '–';
	if (row.text) return row.text(result);
	const value = row.value(result);
	return value === null ? '–' : fixed(value, row.digits);
}

/** One table per N: the designs side by side and naive/shared. */
export function markdownTables(report: ListenerBenchReport): string {
	const out: string[] = [];
	for (const servers of [...new Set(report.results.map((result) => result.servers))]) {
		const shared = report.results.find((result) => result.servers === servers && result.design === 'shared');
		const naive = report.results.find((result) => result.servers === servers && result.design === 'naive');
		const { stations } = (shared ?? naive)!;
		const seconds = Math.round((shared ?? naive)!.window.seconds);
		out.push(`#### N = ${servers} servers, ${stations} stations, ${seconds} s window`, '');
		out.push('| | shared | naive | naive / shared |', '|---|---:|---:|---:|');
		for (const row of rows()) {
			const a = shared ? row.value(shared) : null;
			const b = naive ? row.value(naive) : null;
			const ratio = !row.noRatio && a !== null && b !== null && a > 0 ? `${fixed(b / a, 2)}×` : '';
			out.push(`| ${row.label} | ${cell(row, shared)} | ${cell(row, naive)} | ${ratio} |`);
		}
		const failures = [shared, naive].flatMap((result) => (result?.joins.failures ?? []).map((reason) => `${result!.design}: ${reason}`));
		if (failures.length > 0) out.push('', `Join failures: ${failures.join('; ')}`);
		out.push('');
	}
	return out.join('\n');
}

/** A compact overview (one line per design and N), for the docs and the chart's caption. */
export function markdownSummary(report: ListenerBenchReport): string {
	const out = [
		'| N | design | bot + ffmpeg CPU (cores) | bot + ffmpeg PSS (MiB) | delivered (%) | p99 interval (ms) | gaps > 40 ms | first audio p50 / p99 (ms) | bot µs / packet (× floor) |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|'
	];
	for (const r of report.results) {
		const cpu = r.window.cpu.bot + r.window.cpu.ffmpeg;
		const pss = r.window.pssMiB.bot + r.window.pssMiB.ffmpeg;
		const times = `${fixed(r.perPacket.botMicroseconds, 1)} (${fixed(r.perPacket.botMicroseconds / r.perPacket.floorMicroseconds, 1)}×)`;
		const audio = `${fixed(r.joins.playToFirstAudioMs.p50, 0)} / ${fixed(r.joins.playToFirstAudioMs.p99, 0)}`;
		out.push(
			`| ${r.servers} | ${r.design} | ${fixed(cpu, 2)} | ${fixed(pss, 0)} | ${fixed(percent(r.window.delivery.deliveredRatio), 2)} | ${fixed(r.window.delivery.intervalMs.p99, 1)} | ${r.window.delivery.gaps} | ${audio} | ${times} |`
		);
	}
	return out.join('\n');
}
