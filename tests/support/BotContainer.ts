import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs podman; resolves with its exit code and output whatever the code, rejects only when podman cannot run at all. */
export function podman(args: string[], timeoutMs = 90_000): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		execFile('podman', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error && typeof error.code !== 'number') {
				reject(new Error(`podman ${args[0]} could not run (${error.message}); install it with ../shared/container/setup-host.sh`));
				return;
			}
			resolve({ code: (error?.code as number | undefined) ?? 0, stdout, stderr });
		});
	});
}

/** Like podman(), but a non-zero exit is an error carrying podman's stderr. */
export async function podmanOk(args: string[], timeoutMs?: number): Promise<string> {
	const result = await podman(args, timeoutMs);
	if (result.code !== 0) throw new Error(`podman ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
	return result.stdout.trim();
}

/** A TCP port nobody listens on right now (the container shares the host's network). */
export async function freePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	server.close();
	return port;
}

export interface BotContainerOptions {
	image: string;
	name: string;
	/** Named volume mounted at /app/data, the image's settings volume. */
	volume: string;
	/** Host file mounted read-only as /app/config.yaml. */
	configPath: string;
	/** Host file mounted read-only and trusted through NODE_EXTRA_CA_CERTS (the emulator's voice TLS certificate). */
	caCertPath: string;
	env: Record<string, string>;
	/** Memory (e.g. `512m`) and CPUs the container may use, as docker-compose.yml gives them. */
	limits: { memory: string; cpus: number };
}

/** The bot's image run detached by podman on the host's network, as `docker run` would run it. */
export class BotContainer {
	private constructor(public readonly name: string) {}

	/** Host pid of the container's first process (tini); its descendants are the bot and its ffmpegs. */
	public async pid(): Promise<number> {
		return Number(await podmanOk(['inspect', '--format', '{{.State.Pid}}', this.name]));
	}

	/** Runs the image's own HEALTHCHECK command once; resolves with podman's exit code (0: healthy) and the recorded status. */
	public async health(): Promise<{ code: number; output: string; status: string }> {
		const { code, stdout, stderr } = await podman(['healthcheck', 'run', this.name]);
		const status = await podmanOk(['inspect', '--format', '{{.State.Health.Status}}', this.name]);
		return { code, output: `${stdout}${stderr}`.trim(), status };
	}

	public async logs(lines = 30): Promise<string> {
		const { stdout, stderr } = await podman(['logs', '--tail', String(lines), this.name]);
		return `${stdout}${stderr}`;
	}

	/** `docker stop`: SIGTERM to the container's init, SIGKILL after `graceSeconds`; resolves with the exit code. */
	public async stop(graceSeconds = 20): Promise<number> {
		await podmanOk(['stop', '--time', String(graceSeconds), this.name], (graceSeconds + 30) * 1000);
		return Number(await podmanOk(['inspect', '--format', '{{.State.ExitCode}}', this.name]));
	}

	public async remove(): Promise<void> {
		await podman(['rm', '--force', '--time', '0', this.name]);
	}

	public static async start({ image, name, volume, configPath, caCertPath, env, limits }: BotContainerOptions): Promise<BotContainer> {
		const environment = Object.entries({ ...env, NODE_EXTRA_CA_CERTS: '/etc/alastor/emulator-ca.pem' }).flatMap(([key, value]) => [
			'--env',
			`${key}=${value}`
		]);
		await podmanOk([
			'run',
			'--detach',
			'--name',
			name,
			'--network',
			'host',
			'--memory',
			limits.memory,
			'--cpus',
			String(limits.cpus),
			'--volume',
			`${volume}:/app/data`,
			'--volume',
			`${configPath}:/app/config.yaml:ro`,
			'--volume',
			`${caCertPath}:/etc/alastor/emulator-ca.pem:ro`,
			...environment,
			image
		]);
		return new BotContainer(name);
	}
}

/** Real and effective uid of a host process, from /proc. */
export function processUids(pid: number): { real: number; effective: number } {
	const [real, effective] = /^Uid:\s+(\d+)\s+(\d+)/m
		.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))!
		.slice(1)
		.map(Number);
	return { real: real!, effective: effective! };
}
