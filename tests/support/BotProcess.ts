import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export const BotEntryPoint = fileURLToPath(new URL('../../src/index.js', import.meta.url));
/** `npm run start:sharded`: discord.js's ShardingManager with one bot process per shard. */
export const ShardingManagerEntryPoint = fileURLToPath(new URL('../../src/shard.js', import.meta.url));
/** `npm run smoke`. */
export const SmokeEntryPoint = fileURLToPath(new URL('../../src/smoke.js', import.meta.url));

export interface LogLine {
	level: number;
	msg: string;
	[field: string]: unknown;
}

export interface BotProcessOptions {
	/** DISCORD_TOKEN, DISCORD_API_URL, NODE_EXTRA_CA_CERTS from the emulator. */
	env: Record<string, string>;
	/** The config.yaml content, as an object; written to a temp file. */
	config: Record<string, unknown>;
	/** SQLite settings file (SETTINGS_PATH). Default: a new file in this process's own temp directory, so tests never share ./data. */
	settingsPath?: string;
	/** The script to run; default the bot (BotEntryPoint). */
	entryPoint?: string;
	/** Its command-line arguments. */
	args?: string[];
}

/** The real bot (dist/src/index.js) as a child process, with its structured log lines collected. */
export class BotProcess {
	public readonly logs: LogLine[] = [];
	public readonly stderr: string[] = [];
	private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

	private constructor(
		public readonly child: ChildProcess,
		/** The SQLite settings file this process uses; start another BotProcess with it to restart "the same" bot. */
		public readonly settingsPath: string,
		/** The config.yaml it reads (and watches): tests edit it to reload the config without a restart. */
		public readonly configPath: string
	) {
		createInterface({ input: child.stdout! }).on('line', (line) => {
			try {
				this.logs.push(JSON.parse(line) as LogLine);
			} catch {
				this.logs.push({ level: 30, msg: line });
			}
		});
		createInterface({ input: child.stderr! }).on('line', (line) => this.stderr.push(line));
		this.exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
	}

	public get pid(): number {
		return this.child.pid!;
	}

	public get hasExited(): boolean {
		return this.child.exitCode !== null || this.child.signalCode !== null;
	}

	/** Resolves with the first log line matching `predicate` (already logged or future). */
	public async waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.logs.find(predicate);
			if (found) return found;
			if (this.hasExited) throw new Error(`bot exited before the expected log line; stderr:\n${this.stderr.join('\n')}`);
			if (Date.now() > deadline) throw new Error(`no matching log line within ${timeoutMs} ms; last lines:\n${this.tail()}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	/** Sends `signal` and waits for the exit. */
	public async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
		if (!this.hasExited) this.child.kill(signal);
		return this.exited;
	}

	public waitForExit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
		return this.exited;
	}

	/** Replaces the config.yaml this process watches, as an operator's editor would (a new file renamed over it). */
	public writeConfig(config: Record<string, unknown> | string): void {
		const temporary = `${this.configPath}.tmp`;
		writeFileSync(temporary, typeof config === 'string' ? config : stringify(config));
		renameSync(temporary, this.configPath);
	}

	public tail(lines = 15): string {
		return this.logs
			.slice(-lines)
			.map((line) => JSON.stringify(line))
			.join('\n');
	}

	public static start({ env, config, settingsPath, entryPoint = BotEntryPoint, args = [] }: BotProcessOptions): BotProcess {
		const directory = mkdtempSync(join(tmpdir(), 'alastor-e2e-'));
		const configPath = join(directory, 'config.yaml');
		writeFileSync(configPath, stringify(config));
		const settingsFile = settingsPath ?? join(directory, 'settings.sqlite');
		// Settings come only from this test: never the developer's REDIS_URL, ./data or .env.
		const { REDIS_URL: _redis, SETTINGS_PATH: _path, SETTINGS_NAMESPACE: _namespace, ...inherited } = process.env;
		const child = spawn(process.execPath, [entryPoint, ...args], {
			env: { ...inherited, LOG_LEVEL: 'debug', ENV_FILE: 'off', SETTINGS_PATH: settingsFile, ...env, CONFIG_PATH: configPath },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		return new BotProcess(child, settingsFile, configPath);
	}
}
