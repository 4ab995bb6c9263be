import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// `node dist/tests/bench/listeners/profileSummary.js bench-results/profiles/bot-shared-300.cpuprofile [top]`:
// the functions that took the most CPU (self time) in a V8 CPU profile written by `--cpu-prof`, with their share.

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
	selfMs: number;
	share: number;
}

/** Self time per function (name and file:line), largest first; idle and GC are listed like functions. */
export function summarizeProfile(profile: CpuProfile): ProfileLine[] {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, index) => {
		const node = nodes.get(id);
		if (!node) return;
		const { functionName, url, lineNumber } = node.callFrame;
		const where = url ? ` ${basename(url)}:${lineNumber + 1}` : '';
		const name = `${functionName || '(anonymous)'}${where}`;
		const delta = profile.timeDeltas[index] ?? 0;
		selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
		total += delta;
	});
	return [...selfUs.entries()].map(([name, us]) => ({ name, selfMs: us / 1_000, share: us / total })).sort((a, b) => b.selfMs - a.selfMs);
}

const [file, top = '30'] = process.argv.slice(2);
if (file && process.argv[1]?.endsWith('profileSummary.js')) {
	const lines = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
	for (const line of lines.slice(0, Number(top))) {
		process.stdout.write(`${(line.share * 100).toFixed(1).padStart(5)} %  ${line.selfMs.toFixed(0).padStart(8)} ms  ${line.name}\n`);
	}
}
