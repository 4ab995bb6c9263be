import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// dist/tests/e2e → repository root.
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entryPoint = join(repositoryRoot, 'dist', 'src', 'index.js');
/** sysexits EX_CONFIG: the bot's contract for a config error. */
const exitConfigError = 78;

interface Outcome {
	readonly code: number | null;
	readonly stderr: string;
}

/** Runs the built bot with CONFIG_PATH pointing at `configPath`; kills it if it has not exited after 30 s. */
async function runBot(configPath: string): Promise<Outcome> {
	const env: NodeJS.ProcessEnv = { ...process.env, CONFIG_PATH: configPath, HEALTH_PORT: 'off' };
	// Nothing may reach past config loading: no token, no other config file.
	delete env.DISCORD_TOKEN;
	delete env.ALASTOR_CONFIG_PATH;
	const bot = spawn(process.execPath, [entryPoint], { cwd: repositoryRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	bot.stderr.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	const timer = setTimeout(() => bot.kill('SIGKILL'), 30_000);
	const [code] = (await once(bot, 'close')) as [number | null];
	clearTimeout(timer);
	return { code, stderr };
}

const validStation = ["  'BBC Radio 1':", "    url: 'http://example.com/bbc1.m3u8'", '    aliases: [bbc1]', '    bitrate: 96', '    format: HLS'];

const cases: {
	readonly what: string;
	readonly lines: readonly string[];
	readonly line: number;
	readonly key: string;
	readonly mentions?: (configPath: string) => string;
}[] = [
	{
		what: 'a YAML syntax error',
		lines: ['radios:', ...validStation.slice(0, 3), '    bitrate: [96', '    format: HLS'],
		line: 5,
		key: 'radios."BBC Radio 1".bitrate'
	},
	{
		what: 'a station without url',
		lines: ['radios:', "  'BBC Radio 1':", '    bitrate: 96', '    format: HLS'],
		line: 2,
		key: 'radios."BBC Radio 1".url'
	},
	{
		what: 'a non-http URL',
		lines: ['radios:', "  'BBC Radio 1':", '    url: ftp://x', '    bitrate: 96', '    format: HLS'],
		line: 3,
		key: 'radios."BBC Radio 1".url'
	},
	{
		what: 'an alias used by two stations',
		lines: [
			'radios:',
			...validStation,
			"  'Absolut Relax':",
			"    url: 'https://example.com/relax.mp3'",
			'    aliases: [relax, BBC1]',
			'    bitrate: 128',
			'    format: MP3'
		],
		line: 9,
		key: 'radios."Absolut Relax".aliases[1]',
		// The other station and the line of its alias.
		mentions: (configPath) => `station "BBC Radio 1" (${configPath}:4)`
	},
	{ what: 'an unknown top-level key', lines: ['radios:', ...validStation, 'radio_station: x'], line: 7, key: 'radio_station' }
];

describe('GIVEN the built bot and a broken config file', () => {
	let directory: string;

	before(() => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-config-e2e-'));
	});

	after(() => rmSync(directory, { recursive: true, force: true }));

	for (const [index, testCase] of cases.entries()) {
		it(`GIVEN ${testCase.what} WHEN the bot starts THEN it exits 78 naming the file, line ${testCase.line} and ${testCase.key}, without a stack trace`, async () => {
			const configPath = join(directory, `broken-${index}.yaml`);
			writeFileSync(configPath, `${testCase.lines.join('\n')}\n`);
			const { code, stderr } = await runBot(configPath);
			expect(code, stderr).to.equal(exitConfigError);
			expect(stderr).to.include(`${configPath}:${testCase.line}: ${testCase.key}: `);
			expect(stderr).to.not.include('    at ');
			if (testCase.mentions) expect(stderr).to.include(testCase.mentions(configPath));
		});
	}
});
