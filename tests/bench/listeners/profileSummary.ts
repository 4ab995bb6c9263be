import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// `node dist/tests/bench/listeners/profileSummary.js bench-results/profiles/bot-shared-300.cpuprofile [top]`:
// the functions that took the most CPU (self time) in a V8 CPU profile written by `--cpu-prof`, with their share.
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
	/** Wall time charged to it by the samples' time deltas (inflated by waits for the CPU, see above). */
	wallMs: number;
}

/** Samples per function (name and file:line), most first; idle, GC and native code are listed like functions. */
export function summarizeProfile(profile: CpuProfile): ProfileLine[] {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const counts = new Map<string, { samples: number; us: number }>();
	profile.samples.forEach((id, index) => {
		const node = nodes.get(id);
		if (!node) return;
		const { functionName, url, lineNumber } = node.callFrame;
		const where = url ? ` ${basename(url)}:${lineNumber + 1}` : '';
		const name = `${functionName || '(anonymous)'}${where}`;
		const entry = counts.get(name) ?? { samples: 0, us: 0 };
		entry.samples++;
		entry.us += profile.timeDeltas[index] ?? 0;
		counts.set(name, entry);
	});
	const total = profile.samples.length;
	return [...counts.entries()]
		.map(([name, { samples, us }]) => ({ name, samples, share: samples / total, wallMs: us / 1_000 }))
		.sort((a, b) => b.samples - a.samples);
}

const [file, top = '30'] = process.argv.slice(2);
if (file && process.argv[1]?.endsWith('profileSummary.js')) {
	const lines = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
	for (const line of lines.slice(0, Number(top))) {
		process.stdout.write(
			`${(line.share * 100).toFixed(1).padStart(5)} %  ${String(line.samples).padStart(7)} samples  ${line.wallMs.toFixed(0).padStart(7)} ms  ${line.name}\n`
		);
	}
}
