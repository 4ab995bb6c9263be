import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultIcyMetaint, IcyInterleaver } from './icyMetadata.js';
import { spawnSineEncoder, waitForExit, type SineEncoder } from './spawnSineEncoder.js';

export interface MountOptions {
	/** Tone frequency in Hz. */
	readonly frequency: number;
	/** Initial StreamTitle; default `Test tone <frequency> Hz`. */
	readonly title?: string;
	/** `icy-name`; default `Alastor Test Station <frequency> Hz`. */
	readonly name?: string;
	/** MP3 bitrate in kbps, also sent as `icy-br`; default 128. */
	readonly bitrate?: number;
	/** Send the title in every metadata block (default true); false sends it only first and on change, like Icecast. */
	readonly repeatTitle?: boolean;
	/** Bytes of audio between two metadata blocks (`icy-metaint`); default 16,000 (one block a second at 128 kbps). */
	readonly metaint?: number;
	/** Called for every metadata block instead of reading `title`: a station that changes its title in every block. */
	readonly titleOfBlock?: () => string;
}

interface Listener {
	readonly response: ServerResponse;
	readonly icy: IcyInterleaver | undefined;
	headersSent: boolean;
}

// A listener that stops reading is cut off, as Icecast does once its queue overflows, instead of buffering forever.
const maxQueuedBytes = 2 * 1024 * 1024;

/**
 * One live stream: a single lazily started ffmpeg fanned out to every listener, with ICY metadata for listeners that ask.
 * The encoder runs while listeners exist; when it dies on its own (or through killEncoder), listeners' responses end,
 * as an Icecast server ends listener connections when its source goes away.
 */
export class Mount {
	public title: string;
	public stalled = false;
	/** How many times an encoder was started for this mount. */
	public encoderStarts = 0;
	public readonly name: string;
	public readonly bitrate: number;
	public readonly frequency: number;
	private readonly repeatTitle: boolean;
	private readonly metaint: number;
	private readonly titleOfBlock: (() => string) | undefined;
	private readonly listenerSet = new Set<Listener>();
	private encoder: SineEncoder | undefined;
	/** Encoders killed but maybe not yet reaped; stop() waits for them so no ffmpeg outlives the station. */
	private readonly exiting = new Set<Promise<void>>();

	public constructor(
		options: MountOptions,
		private readonly marker: string
	) {
		this.frequency = options.frequency;
		this.title = options.title ?? `Test tone ${options.frequency} Hz`;
		this.name = options.name ?? `Alastor Test Station ${options.frequency} Hz`;
		this.bitrate = options.bitrate ?? 128;
		this.repeatTitle = options.repeatTitle ?? true;
		this.metaint = options.metaint ?? defaultIcyMetaint;
		this.titleOfBlock = options.titleOfBlock;
	}

	public get listenerCount(): number {
		return this.listenerSet.size;
	}

	public get encoderPid(): number | undefined {
		return this.encoder?.pid;
	}

	public accept(request: IncomingMessage, response: ServerResponse): void {
		const wantsMetadata = request.headers['icy-metadata'] === '1';
		const listener: Listener = {
			response,
			icy: wantsMetadata ? new IcyInterleaver(this.metaint, this.titleOfBlock ?? (() => this.title), this.repeatTitle) : undefined,
			headersSent: false
		};
		// Like Icecast: no chunked encoding, the body simply runs until the connection closes.
		response.useChunkedEncodingByDefault = false;
		response.shouldKeepAlive = false;
		if (request.method === 'HEAD') {
			this.sendHeaders(listener);
			response.end();
			return;
		}
		this.listenerSet.add(listener);
		response.once('close', () => this.remove(listener));
		if (!this.stalled) this.sendHeaders(listener);
		this.encoder ??= this.startEncoder();
	}

	public setStalled(on: boolean): void {
		this.stalled = on;
		if (!on) for (const listener of this.listenerSet) if (!listener.headersSent) this.sendHeaders(listener);
	}

	/** Resets every listener's TCP connection (RST: a network failure, not the clean end a close-delimited body would read as). */
	public dropConnections(): void {
		for (const listener of [...this.listenerSet]) listener.response.socket?.resetAndDestroy();
	}

	/** SIGKILLs the encoder; its listeners' responses then end. Resolves once the process is gone. */
	public async killEncoder(): Promise<void> {
		const { encoder } = this;
		if (!encoder) return;
		await this.kill(encoder);
	}

	public async stop(): Promise<void> {
		const { encoder } = this;
		this.encoder = undefined;
		for (const listener of [...this.listenerSet]) listener.response.socket?.destroy();
		this.listenerSet.clear();
		if (encoder) void this.kill(encoder);
		await Promise.all(this.exiting);
	}

	private startEncoder(): SineEncoder {
		this.encoderStarts++;
		const encoder = spawnSineEncoder({ frequency: this.frequency, bitrateKbps: this.bitrate, marker: this.marker });
		encoder.stdout.on('data', (chunk: Buffer) => this.broadcast(chunk));
		// 'error' (e.g. no ffmpeg binary) is followed by 'close', which ends the listeners.
		encoder.on('error', () => undefined);
		encoder.once('close', () => {
			if (this.encoder !== encoder) return;
			this.encoder = undefined;
			for (const listener of [...this.listenerSet]) {
				this.sendHeaders(listener);
				listener.response.end();
			}
		});
		return encoder;
	}

	private broadcast(chunk: Buffer): void {
		if (this.stalled) return;
		for (const listener of this.listenerSet) {
			const { response } = listener;
			if (response.writableLength > maxQueuedBytes) {
				response.socket?.destroy();
				continue;
			}
			for (const part of listener.icy ? listener.icy.interleave(chunk) : [chunk]) response.write(part);
		}
	}

	private sendHeaders(listener: Listener): void {
		if (listener.headersSent) return;
		listener.headersSent = true;
		const headers: Record<string, string> = {
			'content-type': 'audio/mpeg',
			'cache-control': 'no-cache, no-store',
			'icy-name': this.name,
			'icy-description': `Sine tone at ${this.frequency} Hz`,
			'icy-genre': 'Test',
			'icy-br': String(this.bitrate),
			'icy-pub': '0'
		};
		if (listener.icy) headers['icy-metaint'] = String(this.metaint);
		listener.response.writeHead(200, headers);
	}

	private remove(listener: Listener): void {
		this.listenerSet.delete(listener);
		if (this.listenerSet.size > 0 || !this.encoder) return;
		// Last listener gone: stop encoding until someone tunes in again.
		const { encoder } = this;
		this.encoder = undefined;
		void this.kill(encoder);
	}

	private kill(encoder: SineEncoder): Promise<void> {
		encoder.kill('SIGKILL');
		const exited = waitForExit(encoder);
		this.exiting.add(exited);
		void exited.then(() => this.exiting.delete(exited));
		return exited;
	}
}
