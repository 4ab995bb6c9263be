import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Proves that the `it` blocks of test files stand alone: runs every test of each file in its own mocha process
 * (`--grep` with its exact full title), then the whole file in its own order, then with every suite reversed
 * (reverseTestOrder.js).
 *
 *     npm run build --silent && node dist/tests/support/runEachTestAlone.js dist/tests/e2e/volume.test.js [more files]
 *
 * Options: `--no-alone`, `--no-forward` or `--no-reverse` skip a phase, `--grep <regex>` keeps only the matching titles for the alone
 * phase. A run counts as passed only if mocha ran exactly the expected tests and all passed (a `--grep` that matched
 * nothing would exit 0). Logs of each run go to a temp directory, named in the summary. Exits 1 if anything failed.
 */

interface MochaJson {
	stats: { tests: number; passes: number; failures: number; pending: number; duration?: number };
	tests: { fullTitle: string }[];
	failures: { fullTitle: string; err: { message?: string } }[];
}

interface Outcome {
	readonly ok: boolean;
	readonly seconds: number;
	readonly report: MochaJson | null;
	readonly log: string;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const mochaBin = join(createRequire(import.meta.url).resolve('mocha/package.json'), '..', 'bin', 'mocha.js');
const reversePlugin = fileURLToPath(new URL('reverseTestOrder.js', import.meta.url));
const logDirectory = mkdtempSync(join(tmpdir(), 'alastor-alone-'));
let runs = 0;

/** package.json's mocha settings without its spec (which would add the whole suite), as /work/wt/mocha-one does. */
function baseArguments(): string[] {
	const { mocha } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { mocha: { require?: string[]; timeout?: number } };
	return [
		'--no-config',
		'--no-package',
		...(mocha.require ?? []).flatMap((module) => ['--require', module]),
		'--timeout',
		String(mocha.timeout ?? 60_000),
		'--exit'
	];
}

function runMocha(file: string, extra: string[]): Outcome {
	const id = ++runs;
	const output = join(logDirectory, `run-${id}.json`);
	const log = join(logDirectory, `run-${id}.log`);
	const started = performance.now();
	const child = spawnSync(
		process.execPath,
		[mochaBin, ...baseArguments(), '--reporter', 'json', '--reporter-option', `output=${output}`, ...extra, file],
		{
			cwd: root,
			env: { ...process.env, NODE_EXTRA_CA_CERTS: 'tests/emulator/voice/tls/cert.pem' },
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		}
	);
	const seconds = (performance.now() - started) / 1_000;
	writeFileSync(log, `${child.stdout ?? ''}\n--- stderr ---\n${child.stderr ?? ''}`);
	let report: MochaJson | null = null;
	try {
		report = JSON.parse(readFileSync(output, 'utf8')) as MochaJson;
	} catch {
		report = null;
	}
	return { ok: child.status === 0 && report !== null, seconds, report, log };
}

function titlesOf(file: string): string[] {
	const { report, log } = runMocha(file, ['--dry-run']);
	if (!report) throw new Error(`could not list the tests of ${file} (see ${log})`);
	return report.tests.map((test) => test.fullTitle);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function describeFailure({ report, log }: Outcome): string {
	const messages = report?.failures.map((failure) => `${failure.fullTitle}: ${failure.err.message ?? '?'}`) ?? ['no report'];
	return `${messages.join('\n      ')}\n      log: ${log}`;
}

function main(argv: string[]): number {
	const files: string[] = [];
	let alone = true;
	let forward = true;
	let reversed = true;
	let grep: RegExp | undefined;
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--no-alone') alone = false;
		else if (argument === '--no-forward') forward = false;
		else if (argument === '--no-reverse') reversed = false;
		else if (argument === '--grep') grep = new RegExp(argv[++index]!);
		else files.push(resolve(argument));
	}
	if (files.length === 0) {
		console.error('usage: node dist/tests/support/runEachTestAlone.js [--no-alone] [--no-reverse] [--grep regex] <compiled test files>');
		return 2;
	}

	let failed = 0;
	for (const file of files) {
		const titles = titlesOf(file);
		console.log(`\n${file}: ${titles.length} tests`);
		if (alone) {
			for (const title of titles.filter((candidate) => grep?.test(candidate) ?? true)) {
				const outcome = runMocha(file, ['--grep', `^${escapeRegExp(title)}$`]);
				const stats = outcome.report?.stats;
				const ok = outcome.ok && stats?.tests === 1 && stats.passes === 1;
				if (!ok) failed++;
				console.log(`  ${ok ? 'PASS' : 'FAIL'} alone    ${outcome.seconds.toFixed(1).padStart(6)} s  ${title}`);
				if (!ok) console.log(`      ${stats ? `${stats.passes}/${stats.tests} passed` : ''} ${describeFailure(outcome)}`);
			}
		}
		for (const [phase, wanted, extra, expected] of [
			['forward ', forward, [], titles],
			['reversed', reversed, ['--require', reversePlugin], [...titles].reverse()]
		] as const) {
			if (!wanted) continue;
			const outcome = runMocha(file, [...extra]);
			const ran = outcome.report?.tests.map((test) => test.fullTitle) ?? [];
			const inOrder = ran.length === expected.length && ran.every((title, index) => title === expected[index]);
			const ok = outcome.ok && outcome.report?.stats.passes === titles.length && inOrder;
			if (!ok) failed++;
			console.log(
				`  ${ok ? 'PASS' : 'FAIL'} ${phase} ${outcome.seconds.toFixed(1).padStart(6)} s  all ${titles.length} tests${inOrder ? '' : ' (NOT in the expected order)'}`
			);
			if (!ok) console.log(`      ${describeFailure(outcome)}`);
		}
	}
	console.log(`\n${failed === 0 ? 'all passed' : `${failed} run(s) failed`}; logs in ${logDirectory}`);
	return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
