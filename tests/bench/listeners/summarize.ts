import { readFileSync, writeFileSync } from 'node:fs';
import { markdownSummary, markdownTables, type ListenerBenchReport } from './report.js';
import type { ScenarioResult } from './scenario.js';

// `node dist/tests/bench/listeners/summarize.js [--write docs/benchmarks.md] bench-results/a.json [b.json …]`: the
// markdown tables of several runs merged (for a design and N, the last file wins), e.g. N = 1000 measured in its own run
// beside N = 100 and 300. Printed, or with --write put between the results markers of that markdown file.

export const ResultsStart = '<!-- listeners-results:start -->';
export const ResultsEnd = '<!-- listeners-results:end -->';

/** One report holding every run's results, a design and N from a later file replacing the same from an earlier one. */
export function mergeReports(reports: ListenerBenchReport[]): ListenerBenchReport {
	const byKey = new Map<string, ScenarioResult>();
	for (const report of reports) for (const result of report.results) byKey.set(`${result.servers}:${result.design}`, result);
	const results = [...byKey.values()].sort((a, b) => a.servers - b.servers || a.design.localeCompare(b.design) * -1);
	return { ...reports.at(-1)!, results };
}

/** `markdown` with everything between the results markers replaced by `results`; throws when the markers are missing. */
export function fillResults(markdown: string, results: string): string {
	const start = markdown.indexOf(ResultsStart);
	const end = markdown.indexOf(ResultsEnd, start);
	if (start === -1 || end === -1) throw new Error(`no ${ResultsStart} … ${ResultsEnd} markers to put the results between`);
	return `${markdown.slice(0, start + ResultsStart.length)}\n${results.trim()}\n${markdown.slice(end)}`;
}

if (process.argv[1]?.endsWith('summarize.js')) {
	const args = process.argv.slice(2);
	const writeAt = args.indexOf('--write');
	const target = writeAt === -1 ? undefined : args.splice(writeAt, 2)[1];
	if (args.length === 0) throw new Error('usage: summarize.js [--write docs/benchmarks.md] results.json [more.json …]');
	const merged = mergeReports(args.map((file) => JSON.parse(readFileSync(file, 'utf8')) as ListenerBenchReport));
	const results = `${markdownSummary(merged)}\n\n${markdownTables(merged)}`;
	if (target) writeFileSync(target, fillResults(readFileSync(target, 'utf8'), results));
	else process.stdout.write(results);
}
