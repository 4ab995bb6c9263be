import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { ReliabilityCase } from '../support/reliability.js';
import { renderReliabilityReport, type SoakFigures } from '../support/reliabilityReport.js';

/**
 * Writes docs/reliability.md from a results directory (`node dist/tests/reliability/generate.js <dir> [out]`): every
 * `<family>.jsonl` the fault suite recorded there, and `soak.json` when the soak ran into the same directory.
 */
const [directory = 'reliability-results', output = 'docs/reliability.md'] = process.argv.slice(2);
if (!existsSync(directory)) throw new Error(`no results in ${directory}: run the fault suite with RELIABILITY_RESULTS=${directory} first`);

const cases = readdirSync(directory)
	.filter((file) => file.endsWith('.jsonl'))
	.flatMap((file) =>
		readFileSync(join(directory, file), 'utf8')
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line) as ReliabilityCase & { at: string })
	)
	.sort((a, b) => a.at.localeCompare(b.at));
const soakFile = join(directory, 'soak.json');
const soak = existsSync(soakFile) ? (JSON.parse(readFileSync(soakFile, 'utf8')) as SoakFigures) : null;

const revision = (() => {
	try {
		return `commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}`;
	} catch {
		return 'commit unknown';
	}
})();
const last = cases.at(-1)?.at ?? new Date().toISOString();
const machine = `${cpus().length} cores shared with other test runs, Node ${process.version}`;

writeFileSync(output, renderReliabilityReport({ at: last.slice(0, 10), revision, machine, cases, soak }));
console.log(`${output}: ${cases.length} cases${soak ? `, soak of ${soak.cycles} cycles` : ''}`);
