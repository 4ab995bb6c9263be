import { readFileSync } from 'node:fs';
import { markdownSummary, markdownTables, type ListenerBenchReport } from './report.js';
import type { ScenarioResult } from './scenario.js';

// `node dist/tests/bench/listeners/summarize.js bench-results/a.json [b.json …]`: the markdown tables of several runs
// merged (for a design and N, the last file wins), e.g. N = 1000 measured in its own run beside N = 100 and 300.

/** One report holding every run's results, a design and N from a later file replacing the same from an earlier one. */
export function mergeReports(reports: ListenerBenchReport[]): ListenerBenchReport {
	const byKey = new Map<string, ScenarioResult>();
	for (const report of reports) for (const result of report.results) byKey.set(`${result.servers}:${result.design}`, result);
	const results = [...byKey.values()].sort((a, b) => a.servers - b.servers || a.design.localeCompare(b.design) * -1);
	return { ...reports.at(-1)!, results };
}

const files = process.argv.slice(2);
if (files.length > 0 && process.argv[1]?.endsWith('summarize.js')) {
	const merged = mergeReports(files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as ListenerBenchReport));
	process.stdout.write(`${markdownSummary(merged)}\n\n${markdownTables(merged)}`);
}
