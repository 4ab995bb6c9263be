import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { descendantProcesses } from '#support/processes';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux almost everywhere). */
const ticksPerSecond = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

function read(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

/** CPU seconds (user + system) the process has used so far; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
	const stat = read(`/proc/${pid}/stat`);
	if (!stat) return null;
	// Fields after the parenthesised command start at field 3 (state): utime is field 14, stime field 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Proportional set size in MiB (shared pages split between the processes sharing them), from smaps_rollup. */
export function pssMiB(pid: number): number | null {
	const rollup = read(`/proc/${pid}/smaps_rollup`);
	const match = rollup ? /^Pss:\s+(\d+) kB/m.exec(rollup) : null;
	return match ? Number(match[1]) / 1_024 : null;
}

/** A process and the ffmpeg processes it spawned, as two groups. */
export interface ProcessGroups {
	bot: number[];
	ffmpeg: number[];
}

export function botProcessGroups(botPid: number): ProcessGroups {
	return { bot: [botPid], ffmpeg: descendantProcesses(botPid, 'ffmpeg').map(({ pid }) => pid) };
}

/** CPU seconds per pid at one moment. */
export function cpuSnapshot(pids: readonly number[]): Map<number, number> {
	const snapshot = new Map<number, number>();
	for (const pid of pids) {
		const seconds = cpuSeconds(pid);
		if (seconds !== null) snapshot.set(pid, seconds);
	}
	return snapshot;
}

/**
 * Cores used between two snapshots: the CPU seconds each process gained over `seconds` of wall time. A process that
 * started in between counts from 0; one that exited in between loses its last ticks (pipelines do not change in a steady window).
 */
export function coresBetween(before: Map<number, number>, after: Map<number, number>, seconds: number): number {
	let used = 0;
	for (const [pid, end] of after) used += end - (before.get(pid) ?? 0);
	return used / seconds;
}

export function totalPssMiB(pids: readonly number[]): number {
	return pids.reduce((sum, pid) => sum + (pssMiB(pid) ?? 0), 0);
}

/** Packets the kernel dropped on a local UDP port because its receive buffer was full (the `drops` column of /proc/net/udp). */
export function udpDrops(port: number): number {
	const table = read('/proc/net/udp') ?? '';
	const wanted = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
	for (const line of table.split('\n').slice(1)) {
		const columns = line.trim().split(/\s+/);
		if (columns[1]?.endsWith(wanted)) return Number(columns.at(-1));
	}
	return 0;
}

export interface MachineInfo {
	cpuModel: string;
	cores: number;
	memoryGiB: number;
	kernel: string;
	node: string;
	ffmpeg: string;
}

export function machineInfo(): MachineInfo {
	const cpuinfo = read('/proc/cpuinfo') ?? '';
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
	let ffmpeg = 'unknown';
	try {
		ffmpeg = execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? ffmpeg;
	} catch {
		// Reported as unknown.
	}
	return {
		cpuModel: model.trim(),
		cores: cpus().length,
		memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		kernel: (read('/proc/sys/kernel/osrelease') ?? 'unknown').trim(),
		node: process.version,
		ffmpeg
	};
}

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): [number, number, number] {
	const [one, five, fifteen] = (read('/proc/loadavg') ?? '0 0 0').split(' ').map(Number);
	return [one ?? 0, five ?? 0, fifteen ?? 0];
}

/** CPU seconds (all processes, all cores, non-idle) the machine has used so far, from /proc/stat. */
export function machineBusySeconds(): number {
	const line = (read('/proc/stat') ?? '').split('\n')[0] ?? '';
	const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
	return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / ticksPerSecond;
}
