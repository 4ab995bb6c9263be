import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One measured figure: `npm run bench` prints these; no pass/fail, timing never gates the tests. */
export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	/** What was measured, with sizes, so a number can be compared over time. */
	detail?: string;
}

export type Bench = () => Promise<BenchResult[]>;

const directory = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(directory).filter((file) => file.endsWith('.bench.js') && (only.length === 0 || only.some((name) => file.includes(name))));

for (const file of files.sort()) {
	const { default: bench } = (await import(new URL(file, import.meta.url).href)) as { default: Bench };
	process.stdout.write(`\n${file.replace('.bench.js', '')}\n`);
	for (const result of await bench()) {
		process.stdout.write(
			`  ${result.name.padEnd(56)} ${result.value.toFixed(3).padStart(12)} ${result.unit}${result.detail ? `  (${result.detail})` : ''}\n`
		);
	}
}
