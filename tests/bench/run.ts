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

/** A bench gets the arguments after the bench names (`npm run bench -- listeners --quick` → ['--quick']). */
export type Bench = (args: string[]) => Promise<BenchResult[]>;

interface BenchModule {
	default: Bench;
	/** Long benches (minutes) run only when named: `npm run bench -- listeners`. */
	onlyWhenNamed?: boolean;
}

const directory = fileURLToPath(new URL('.', import.meta.url));
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((arg) => arg.startsWith('--'));
const only = firstOption === -1 ? argv : argv.slice(0, firstOption);
const args = firstOption === -1 ? [] : argv.slice(firstOption);
const files = readdirSync(directory).filter((file) => file.endsWith('.bench.js') && (only.length === 0 || only.some((name) => file.includes(name))));

for (const file of files.sort()) {
	const name = file.replace('.bench.js', '');
	const module = (await import(new URL(file, import.meta.url).href)) as BenchModule;
	process.stdout.write(`\n${name}\n`);
	if (module.onlyWhenNamed && only.length === 0) {
		process.stdout.write(`  skipped: takes minutes; run it with \`npm run bench -- ${name}\`\n`);
		continue;
	}
	for (const result of await module.default(args)) {
		process.stdout.write(
			`  ${result.name.padEnd(56)} ${result.value.toFixed(3).padStart(12)} ${result.unit}${result.detail ? `  (${result.detail})` : ''}\n`
		);
	}
}
