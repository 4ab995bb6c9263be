import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// `node dist/tests/bench/listeners/profileSummary.js <file.cpuprofile> [top] [--window-before-snapshot 15] [--inclusive a,b]`:
// the functions that took the most CPU (self time) in a V8 CPU profile written by `--cpu-prof`, with their share of all
// samples and of the busy (not idle) ones. `--window-before-snapshot S` keeps only the S seconds before the heap snapshot
// that `--heap-snapshot` takes at the end of the bench's window (the steady state, without startup, joins and shutdown);
// `--inclusive` adds, for each named function, the share of samples with it anywhere on the stack (its callees included).
// Shares count samples, not the time between them: while the thread waits for a CPU (a busy machine) no sample is taken,
// and the next sample's time delta would charge that wait to whatever call (often a syscall) the thread resumes in.

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileLine {
	name: string;
	/** Samples that landed in this function. */
	samples: number;
	/** Share of all samples. */
	share: number;
	/** Share of the samples that were not idle. */
	busyShare: number;
	/** Wall time charged to it by the samples' time deltas (inflated by waits for the CPU, see above). */
	wallMs: number;
}

const NotBusy = new Set(['(idle)']);

function nameOf(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	return `${functionName || '(anonymous)'}${url ? ` ${basename(url)}:${lineNumber + 1}` : ''}`;
}

/** The sample indexes in the `seconds` before the first sample inside v8.writeHeapSnapshot (all of them if there is none). */
export function samplesBeforeSnapshot(profile: CpuProfile, seconds: number): number[] {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	let time = profile.startTime;
	const times = profile.timeDeltas.map((delta) => (time += delta));
	const snapshot = profile.samples.findIndex((id) => nodes.get(id)?.callFrame.functionName === 'writeHeapSnapshot');
	const indexes = profile.samples.map((_, index) => index);
	if (snapshot === -1) return indexes;
	const end = times[snapshot]!;
	return indexes.filter((index) => times[index]! < end && times[index]! >= end - seconds * 1_000_000);
}

/** Samples per function (name and file:line), most first; idle, GC and native code are listed like functions. */
export function summarizeProfile(profile: CpuProfile, indexes = profile.samples.map((_, index) => index)): ProfileLine[] {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const counts = new Map<string, { samples: number; us: number }>();
	for (const index of indexes) {
		const node = nodes.get(profile.samples[index]!);
		if (!node) continue;
		const name = nameOf(node);
		const entry = counts.get(name) ?? { samples: 0, us: 0 };
		entry.samples++;
		entry.us += profile.timeDeltas[index] ?? 0;
		counts.set(name, entry);
	}
	const total = indexes.length;
	const busy = total - [...counts.entries()].filter(([name]) => NotBusy.has(name)).reduce((sum, [, { samples }]) => sum + samples, 0);
	return [...counts.entries()]
		.map(([name, { samples, us }]) => ({
			name,
			samples,
			share: samples / total,
			busyShare: NotBusy.has(name) ? 0 : samples / Math.max(1, busy),
			wallMs: us / 1_000
		}))
		.sort((a, b) => b.samples - a.samples);
}

/** For each function name, the share of busy samples with it anywhere on the stack (inclusive of its callees). */
export function inclusiveShares(
	profile: CpuProfile,
	names: readonly string[],
	indexes = profile.samples.map((_, index) => index)
): Map<string, number> {
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const hits = new Map(names.map((name) => [name, 0]));
	let busy = 0;
	for (const index of indexes) {
		const leaf = profile.samples[index]!;
		if (NotBusy.has(nameOf(nodes.get(leaf)!))) continue;
		busy++;
		const onStack = new Set<string>();
		for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) onStack.add(nodes.get(id)!.callFrame.functionName);
		for (const name of names) if (onStack.has(name)) hits.set(name, hits.get(name)! + 1);
	}
	return new Map([...hits].map(([name, count]) => [name, count / Math.max(1, busy)]));
}

if (process.argv[1]?.endsWith('profileSummary.js')) {
	const args = process.argv.slice(2);
	const option = (name: string): string | undefined => {
		const at = args.indexOf(name);
		return at === -1 ? undefined : args.splice(at, 2)[1];
	};
	const window = option('--window-before-snapshot');
	const inclusive = option('--inclusive');
	const [file, top = '30'] = args;
	if (file) {
		const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
		const indexes = window ? samplesBeforeSnapshot(profile, Number(window)) : undefined;
		process.stdout.write(`  all    busy   samples     wall  function\n`);
		for (const line of summarizeProfile(profile, indexes).slice(0, Number(top))) {
			process.stdout.write(
				`${(line.share * 100).toFixed(1).padStart(5)} %  ${(line.busyShare * 100).toFixed(1).padStart(5)} %  ${String(line.samples).padStart(7)}  ${line.wallMs.toFixed(0).padStart(7)} ms  ${line.name}\n`
			);
		}
		if (inclusive) {
			process.stdout.write('\ninclusive (share of busy samples with the function on the stack)\n');
			for (const [name, share] of inclusiveShares(profile, inclusive.split(','), indexes))
				process.stdout.write(`${(share * 100).toFixed(1).padStart(5)} %  ${name}\n`);
		}
	}
}
