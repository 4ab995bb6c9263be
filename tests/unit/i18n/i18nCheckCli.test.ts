import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanTree, LanguageFixtures, strings, treeWith } from './languageFixtures.js';

const cliScript = fileURLToPath(new URL('../../../src/i18nCheck.js', import.meta.url));

interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runCheck(...args: string[]): Promise<CliRun> {
	return new Promise((resolve) => {
		execFile(process.execPath, [cliScript, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
			resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
		});
	});
}

describe('npm run i18n:check (dist/src/i18nCheck.js)', () => {
	const fixtures = new LanguageFixtures();
	after(() => fixtures.cleanup());

	it('GIVEN the shipped languages/ WHEN run THEN it exits 0 and says OK', async () => {
		const run = await runCheck();
		expect(run.code, run.stdout + run.stderr).to.equal(0);
		expect(run.stdout)
			.to.match(/^Checked \d+ language folder\(s\) in .*languages against en-US: .*en-US/)
			.and.match(/\nOK: \d+ warnings?\.\n$/);
	});

	it('GIVEN a bundle with a wrong variable WHEN run THEN it exits 1 and names the locale, key and problem', async () => {
		const directory = fixtures.write(treeWith((tree) => (strings(tree, 'de', 'commands/radio').playNowPlaying = 'Jetzt läuft {{sender}}.')));
		const run = await runCheck('--dir', directory);
		expect(run.code, run.stdout + run.stderr).to.equal(1);
		expect(run.stdout).to.include('de: 1 error, 0 warnings').and.include('error   [variables] commands/radio:playNowPlaying');
		expect(run.stdout).to.match(/FAILED: 1 error, 0 warnings\.\n$/);
	});

	it('GIVEN --json WHEN run THEN stdout is the report as JSON', async () => {
		const run = await runCheck('--json', '--dir', fixtures.write(cleanTree()));
		expect(run.code, run.stderr).to.equal(0);
		expect(JSON.parse(run.stdout)).to.deep.include({
			ok: true,
			errors: 0,
			warnings: 0,
			locales: ['de', 'en-US'],
			reference: 'en-US',
			issues: []
		});
	});

	it('GIVEN an unknown option or a missing folder WHEN run THEN it exits 2 with the usage', async () => {
		const unknown = await runCheck('--fix');
		expect(unknown.code).to.equal(2);
		expect(unknown.stderr).to.include('Unknown argument --fix').and.include('Usage: npm run i18n:check');
		const missing = await runCheck('--dir', '/nonexistent/languages');
		expect(missing.code).to.equal(2);
		expect(missing.stderr).to.include('Could not read /nonexistent/languages');
	});
});
