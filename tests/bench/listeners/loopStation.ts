import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { IcyInterleaver } from '#support/icyMetadata';

export interface LoopMountSpec {
	path: string;
	frequency: number;
	title: string;
}

const bitrateKbps = 128;
const bytesPerSecond = (bitrateKbps * 1_000) / 8;
const loopSeconds = 10;
const tickMs = 50;
/** Icecast's default burst-on-connect (burst-size 65535): a new listener first gets the last 4 s of audio at once. */
const burstBytes = 65_535;
const metaint = 16_000;
const maxQueuedBytes = 2 * 1024 * 1024;

interface Listener {
	response: ServerResponse;
	icy: IcyInterleaver | undefined;
}

interface LoopMount {
	spec: LoopMountSpec;
	loop: Buffer;
	listeners: Set<Listener>;
}

/** Ten seconds of a stereo sine tone as plain MP3 frames (no ID3, no Xing header), so the bytes loop seamlessly. */
async function encodeToneLoop(frequency: number): Promise<Buffer> {
	const args = [
		'-hide_banner',
		'-nostdin',
		'-loglevel',
		'error',
		'-f',
		'lavfi',
		'-i',
		`sine=frequency=${frequency}:sample_rate=44100:duration=${loopSeconds}`
	];
	args.push('-ac', '2', '-c:a', 'libmp3lame', '-b:a', `${bitrateKbps}k`, '-write_xing', '0', '-id3v2_version', '0', '-f', 'mp3', 'pipe:1');
	const child = spawn(process.env.FFMPEG_PATH ?? 'ffmpeg', args, { stdio: ['ignore', 'pipe', 'inherit'] });
	const chunks: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
	const [code] = (await once(child, 'close')) as [number | null];
	if (code !== 0) throw new Error(`ffmpeg could not encode the ${frequency} Hz loop (exit ${code})`);
	return Buffer.concat(chunks);
}

/** Bytes [from, to) of the endless repetition of `loop`. */
function loopSlice(loop: Buffer, from: number, to: number): Buffer {
	const parts: Buffer[] = [];
	for (let position = from; position < to;) {
		const offset = position % loop.length;
		const take = Math.min(loop.length - offset, to - position);
		parts.push(loop.subarray(offset, offset + take));
		position += take;
	}
	return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * Live MP3 stations for load benchmarks: pre-encoded tone loops sent from memory at 128 kb/s, with Icecast's burst on
 * connect and ICY titles, so S stations cost a few writes per tick instead of S live encoders. Every listener of a mount
 * hears the same live position.
 */
export class LoopStation {
	private readonly mounts = new Map<string, LoopMount>();
	private readonly startedAt = performance.now();
	private sentBytes = 0;
	private readonly timer: NodeJS.Timeout;

	private constructor(
		private readonly server: Server,
		mounts: LoopMount[]
	) {
		for (const mount of mounts) this.mounts.set(mount.spec.path, mount);
		server.on('request', (request, response) => this.accept(request, response));
		this.timer = setInterval(() => this.tick(), tickMs);
	}

	public get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	public async stop(): Promise<void> {
		clearInterval(this.timer);
		const closed = new Promise((resolve) => this.server.close(resolve));
		this.server.closeAllConnections();
		await closed;
	}

	private get livePosition(): number {
		return Math.floor(((performance.now() - this.startedAt) / 1_000) * bytesPerSecond);
	}

	private tick(): void {
		const due = this.livePosition;
		if (due <= this.sentBytes) return;
		for (const mount of this.mounts.values()) {
			if (mount.listeners.size === 0) continue;
			const chunk = loopSlice(mount.loop, this.sentBytes, due);
			for (const listener of mount.listeners) this.write(mount, listener, chunk);
		}
		this.sentBytes = due;
	}

	private write(mount: LoopMount, listener: Listener, chunk: Buffer): void {
		// A listener that stops reading is cut off, as Icecast does, instead of being buffered for.
		if (listener.response.writableLength > maxQueuedBytes) {
			listener.response.destroy();
			mount.listeners.delete(listener);
			return;
		}
		for (const part of listener.icy ? listener.icy.interleave(chunk) : [chunk]) listener.response.write(part);
	}

	private accept(request: IncomingMessage, response: ServerResponse): void {
		const mount = this.mounts.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
		if (!mount) {
			response.writeHead(404).end();
			return;
		}
		const wantsMetadata = request.headers['icy-metadata'] === '1';
		response.useChunkedEncodingByDefault = false;
		response.shouldKeepAlive = false;
		response.writeHead(200, {
			'content-type': 'audio/mpeg',
			'cache-control': 'no-cache, no-store',
			'icy-name': `Bench tone ${mount.spec.frequency} Hz`,
			'icy-br': String(bitrateKbps),
			...(wantsMetadata ? { 'icy-metaint': String(metaint) } : {})
		});
		if (request.method === 'HEAD') {
			response.end();
			return;
		}
		const listener: Listener = { response, icy: wantsMetadata ? new IcyInterleaver(metaint, () => mount.spec.title, false) : undefined };
		mount.listeners.add(listener);
		response.once('close', () => mount.listeners.delete(listener));
		this.write(mount, listener, loopSlice(mount.loop, Math.max(0, this.sentBytes - burstBytes), this.sentBytes));
	}

	public static async start(specs: LoopMountSpec[]): Promise<LoopStation> {
		const mounts: LoopMount[] = [];
		// Two encoders at a time: quick, and gentle on a small machine.
		for (let index = 0; index < specs.length; index += 2) {
			const batch = specs.slice(index, index + 2);
			const loops = await Promise.all(batch.map((spec) => encodeToneLoop(spec.frequency)));
			batch.forEach((spec, offset) => mounts.push({ spec, loop: loops[offset]!, listeners: new Set() }));
		}
		const server = createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return new LoopStation(server, mounts);
	}
}

export interface LoopStationProcess {
	pid: number;
	origin: string;
	stop(): Promise<void>;
}

const entryPoint = fileURLToPath(new URL('stationProcess.js', import.meta.url));

/** Runs a LoopStation in its own process, so its CPU is not counted as the emulator's. It exits when our stdin pipe closes. */
export async function spawnLoopStation(specs: LoopMountSpec[]): Promise<LoopStationProcess> {
	const child = spawn(process.execPath, [entryPoint, JSON.stringify(specs)], { stdio: ['pipe', 'pipe', 'inherit'] });
	const exited = once(child, 'exit');
	const lines = createInterface({ input: child.stdout });
	const [line] = (await Promise.race([once(lines, 'line'), exited.then(() => [null])])) as [string | null];
	if (line === null) throw new Error('the bench station process exited before it listened');
	const { port } = JSON.parse(line) as { port: number };
	return {
		pid: child.pid!,
		origin: `http://127.0.0.1:${port}`,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}
