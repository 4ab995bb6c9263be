import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, Socket } from 'node:net';
import { delimiter, join } from 'node:path';

const RedisServerBinary = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin']
	.map((directory) => join(directory, 'redis-server'))
	.find((path) => existsSync(path));

/** A throwaway redis-server on 127.0.0.1 (no persistence), for tests. `.ci/prerequisites` installs it. */
export class RedisServer {
	private constructor(
		private child: ChildProcess,
		public readonly port: number,
		/** With persistence (append-only file, fsync'd on every write): data survives kill() and restart(), as on a real server. */
		private readonly dataDirectory?: string
	) {}

	public get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Kills it at once, like a crash. */
	public async kill(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.child.kill('SIGKILL');
		await once(this.child, 'exit');
	}

	/** Kills it and deletes its data directory (a persistent server's). */
	public async dispose(): Promise<void> {
		await this.kill();
		if (this.dataDirectory) rmSync(this.dataDirectory, { recursive: true, force: true });
	}

	/** Starts it again on the same port (empty: nothing is persisted). */
	public async restart(): Promise<void> {
		await this.kill();
		this.child = await RedisServer.spawnOn(this.port, this.dataDirectory);
	}

	/**
	 * Redis gone for `ms`, then back on the same port (empty): killed now, restarted after `ms`. Resolves once it accepts
	 * connections again; meanwhile connecting is refused.
	 */
	public async outage(ms: number): Promise<void> {
		await this.kill();
		await new Promise((resolve) => setTimeout(resolve, ms));
		this.child = await RedisServer.spawnOn(this.port, this.dataDirectory);
	}

	/**
	 * SIGSTOP: Redis hangs instead of dying. Connections stay open and new ones are accepted by the kernel, but nothing is
	 * answered until resume(): clients see timeouts, not refusals.
	 */
	public pause(): void {
		if (!this.child.kill('SIGSTOP')) throw new Error('redis-server is not running');
	}

	/** SIGCONT: Redis answers again, the commands sent meanwhile included. */
	public resume(): void {
		this.child.kill('SIGCONT');
	}

	/** `persistent`: data kept across kill() and restart() (an append-only file in a temp directory); default none, as before. */
	public static async start({ persistent = false }: { persistent?: boolean } = {}): Promise<RedisServer> {
		const port = await freePort();
		const directory = persistent ? mkdtempSync(join(tmpdir(), 'alastor-redis-')) : undefined;
		return new RedisServer(await RedisServer.spawnOn(port, directory), port, directory);
	}

	private static async spawnOn(port: number, directory?: string): Promise<ChildProcess> {
		if (!RedisServerBinary) throw new Error('redis-server is not installed: run .ci/prerequisites (Debian package redis-server)');
		const persistence = directory ? ['--dir', directory, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
		const child = spawn(
			RedisServerBinary,
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'warning'],
			{
				stdio: 'ignore'
			}
		);
		const deadline = Date.now() + 10_000;
		while (!(await accepts(port))) {
			if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} on port ${port}`);
			if (Date.now() > deadline) throw new Error(`redis-server did not listen on port ${port} within 10 s`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		return child;
	}
}

/** A port nothing listens on right now (the OS picks it; we close it again). */
export async function freePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function accepts(port: number): Promise<boolean> {
	const socket = new Socket();
	try {
		socket.connect(port, '127.0.0.1');
		await once(socket, 'connect');
		return true;
	} catch {
		return false;
	} finally {
		socket.destroy();
	}
}
