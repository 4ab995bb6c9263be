import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Mount, type MountOptions } from './Mount.js';

export type { MountOptions } from './Mount.js';

export interface StaticFile {
	readonly contentType: string;
	/** Fixed content, or a function called per request (e.g. a live HLS playlist). */
	readonly body: string | Buffer | (() => string | Buffer);
	/** Default 200. */
	readonly status?: number;
	readonly headers?: Readonly<Record<string, string>>;
}

export interface TestStationOptions {
	/** Mount path → tone. Default `{ '/sine.mp3': { frequency: 440 } }`. */
	readonly mounts?: Readonly<Record<string, MountOptions>>;
}

export interface RecordedRequest {
	readonly method: string;
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
}

export const defaultMountPath = '/sine.mp3';

let stationCount = 0;

/**
 * A local internet radio station for tests: an HTTP server on 127.0.0.1 streaming generated sine tones as live MP3,
 * with ICY metadata, static files (playlists) and fault injection. Always `await station.stop()` in after/afterEach.
 */
export class TestStation {
	/** Appears in every ffmpeg command line of this station: `pgrep -f <marker>` finds exactly its encoders. */
	public readonly marker: string;
	private readonly mounts = new Map<string, Mount>();
	private readonly files = new Map<string, StaticFile>();
	private readonly requestLog: RecordedRequest[] = [];
	private readonly server: Server;
	private stopped = false;

	private constructor(options: TestStationOptions) {
		this.marker = `alastor-test-station-${process.pid}-${++stationCount}`;
		this.server = createServer((request, response) => this.handle(request, response));
		for (const [path, mountOptions] of Object.entries(options.mounts ?? { [defaultMountPath]: { frequency: 440 } })) {
			this.addMount(path, mountOptions);
		}
	}

	public get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	/** `http://127.0.0.1:<port>` */
	public get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Full URL of a mount or served file; defaults to the first mount. */
	public url(path: string = this.mounts.keys().next().value ?? defaultMountPath): string {
		return `${this.origin}${path}`;
	}

	public addMount(path: string, options: MountOptions): void {
		if (this.mounts.has(path)) throw new Error(`TestStation: mount ${path} already exists`);
		this.mounts.set(path, new Mount(options, this.marker));
	}

	/** Serves a static file (a .pls/.m3u playlist, an HLS playlist or segment, an error page…) at `path`. */
	public serve(path: string, file: StaticFile): void {
		this.files.set(path, file);
	}

	public unserve(path: string): void {
		this.files.delete(path);
	}

	/** Listeners currently connected to a mount. */
	public listeners(path: string = defaultMountPath): number {
		return this.mount(path).listenerCount;
	}

	public title(path: string = defaultMountPath): string {
		return this.mount(path).title;
	}

	/** Changes the StreamTitle sent in the mount's following metadata blocks. */
	public setTitle(path: string, title: string): void {
		this.mount(path).title = title;
	}

	/** Resets (TCP RST) every listener connection of the mount: an abrupt network failure. The encoder stops when no listener is left. */
	public dropConnections(path: string = defaultMountPath): void {
		this.mount(path).dropConnections();
	}

	/**
	 * While on, the mount sends nothing: connected listeners keep their sockets but get no bytes, and new ones get no
	 * response headers either (a hung server). Audio produced meanwhile is discarded, as on a live stream.
	 */
	public stall(path: string, on: boolean): void {
		this.mount(path).setStalled(on);
	}

	/** SIGKILLs the mount's ffmpeg (a source failure); its listeners' responses end cleanly. A new listener starts a new encoder. */
	public async killEncoder(path: string = defaultMountPath): Promise<void> {
		await this.mount(path).killEncoder();
	}

	/** PID of the mount's running ffmpeg, if any. */
	public encoderPid(path: string = defaultMountPath): number | undefined {
		return this.mount(path).encoderPid;
	}

	/** How many ffmpeg processes were started for the mount so far. */
	public encoderStarts(path: string = defaultMountPath): number {
		return this.mount(path).encoderStarts;
	}

	/** Every request received so far (optionally only for one path), e.g. to check the User-Agent a client sent. */
	public requests(path?: string): RecordedRequest[] {
		return path === undefined ? [...this.requestLog] : this.requestLog.filter((request) => request.path === path);
	}

	/** Kills every ffmpeg (and waits for them), closes every socket and the server. Safe to call twice. */
	public async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		await Promise.all([...this.mounts.values()].map((mount) => mount.stop()));
		this.server.closeAllConnections();
		await closed;
	}

	private mount(path: string): Mount {
		const mount = this.mounts.get(path);
		if (!mount) throw new Error(`TestStation: no mount ${path} (mounts: ${[...this.mounts.keys()].join(', ')})`);
		return mount;
	}

	private handle(request: IncomingMessage, response: ServerResponse): void {
		const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
		const method = request.method ?? 'GET';
		this.requestLog.push({ method, path, headers: request.headers });
		if (method !== 'GET' && method !== 'HEAD') {
			response.writeHead(405, { allow: 'GET, HEAD' }).end();
			return;
		}
		const mount = this.mounts.get(path);
		if (mount) {
			mount.accept(request, response);
			return;
		}
		const file = this.files.get(path);
		if (file) {
			const body = typeof file.body === 'function' ? file.body() : file.body;
			const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
			response.writeHead(file.status ?? 200, { 'content-type': file.contentType, 'content-length': String(bytes.length), ...file.headers });
			response.end(method === 'HEAD' ? undefined : bytes);
			return;
		}
		response.writeHead(404, { 'content-type': 'text/plain' }).end(method === 'HEAD' ? undefined : 'Not found\n');
	}

	public static async start(options: TestStationOptions = {}): Promise<TestStation> {
		const station = new TestStation(options);
		station.server.listen(0, '127.0.0.1');
		await once(station.server, 'listening');
		return station;
	}
}
