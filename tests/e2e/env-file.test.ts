import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotEntryPoint } from '#support/BotProcess';

/**
 * Starts the built bot in `cwd` without any of the variables under test in its environment (nor the relative
 * NODE_EXTRA_CA_CERTS of `npm test`, which would not resolve there); kills it after 30 s.
 */
async function startIn(cwd: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
	const {
		DISCORD_TOKEN: _token,
		CONFIG_PATH: _config,
		ALASTOR_CONFIG_PATH: _alastor,
		ENV_FILE: _envFile,
		NODE_EXTRA_CA_CERTS: _ca,
		...inherited
	} = process.env;
	const bot = spawn(process.execPath, [BotEntryPoint], {
		cwd,
		env: { ...inherited, HEALTH_PORT: 'off', ...extraEnv },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	bot.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const timer = setTimeout(() => bot.kill('SIGKILL'), 30_000);
	const [code] = (await once(bot, 'close')) as [number | null];
	clearTimeout(timer);
	return { code, stderr };
}

describe('GIVEN a .env file in the working directory', () => {
	let directory: string;

	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-env-file-'));
	});

	afterEach(() => rmSync(directory, { recursive: true, force: true }));

	// The config file is the first thing the bot reads from the environment after the logger; a missing one names its path.
	it('WHEN it sets CONFIG_PATH and the environment does not THEN the bot uses the value from .env', async () => {
		const fromFile = join(directory, 'from-dotenv.yaml');
		writeFileSync(join(directory, '.env'), `# comment\nCONFIG_PATH=${fromFile}\n`);

		const { code, stderr } = await startIn(directory);

		expect(code, stderr).to.equal(78);
		expect(stderr).to.include(`looked for ${fromFile}`);
	});

	it('WHEN the environment sets CONFIG_PATH too THEN the environment wins over .env', async () => {
		const fromEnvironment = join(directory, 'from-environment.yaml');
		writeFileSync(join(directory, '.env'), `CONFIG_PATH=${join(directory, 'from-dotenv.yaml')}\n`);

		const { code, stderr } = await startIn(directory, { CONFIG_PATH: fromEnvironment });

		expect(code, stderr).to.equal(78);
		expect(stderr).to.include(`looked for ${fromEnvironment}`).and.not.include('from-dotenv');
	});

	it('WHEN ENV_FILE is off THEN the bot ignores .env', async () => {
		writeFileSync(join(directory, '.env'), `CONFIG_PATH=${join(directory, 'from-dotenv.yaml')}\n`);

		const { code, stderr } = await startIn(directory, { ENV_FILE: 'off' });

		expect(code, stderr).to.equal(78);
		expect(stderr)
			.to.include(`looked for ${join(directory, 'config.yaml')}`)
			.and.not.include('from-dotenv');
	});

	it('WHEN .env cannot be read (a directory) THEN the bot says so in one line and exits 78', async () => {
		mkdirSync(join(directory, '.env'));

		const { code, stderr } = await startIn(directory);

		expect(code, stderr).to.equal(78);
		expect(stderr.trim().split('\n'), stderr).to.have.lengthOf(1);
		expect(stderr).to.match(/^\.env could not be read \(.+\)\. Fix it or set ENV_FILE\.$/m);
	});
});

describe('GIVEN ENV_FILE naming a file', () => {
	let directory: string;

	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-env-file-'));
	});

	afterEach(() => rmSync(directory, { recursive: true, force: true }));

	it('WHEN it exists THEN the bot reads it instead of .env', async () => {
		const fromNamed = join(directory, 'from-named.yaml');
		writeFileSync(join(directory, 'alastor.env'), `CONFIG_PATH=${fromNamed}\n`);
		writeFileSync(join(directory, '.env'), `CONFIG_PATH=${join(directory, 'from-dotenv.yaml')}\n`);

		const { code, stderr } = await startIn(directory, { ENV_FILE: join(directory, 'alastor.env') });

		expect(code, stderr).to.equal(78);
		expect(stderr).to.include(`looked for ${fromNamed}`);
	});

	it('WHEN it does not exist THEN the bot names it in one line and exits 78', async () => {
		const missing = join(directory, 'missing.env');

		const { code, stderr } = await startIn(directory, { ENV_FILE: missing });

		expect(code, stderr).to.equal(78);
		expect(stderr.trim().split('\n'), stderr).to.have.lengthOf(1);
		expect(stderr).to.include(`${missing} could not be read (ENOENT`);
	});
});
