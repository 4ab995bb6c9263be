import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { IcyInterleaver } from './icyMetadata.js';

/** A file of `tests/fixtures/`. */
export function fixturePath(name: string): string {
	return fileURLToPath(new URL(`../../../tests/fixtures/${name}`, import.meta.url));
}

export interface LoopStationOptions {
	/** The audio, looped without end (ADTS frames loop seamlessly). */
	readonly file: string;
	/** How long the file plays: the stream is sent at its size / seconds bytes a second. */
	readonly seconds: number;
	readonly contentType: string;
	readonly title: string;
	/** Default 8192, as SHOUTcast sends. */
	readonly metaint?: number;
}

interface Listener {
	readonly response: ServerResponse;
	readonly icy: IcyInterleaver | undefined;
}

const tickMs = 50;

/**
 * A live station on 127.0.0.1 that plays a file in a loop in real time, as an HTTP/1.1 server with ICY metadata for
 * listeners that ask (`Icy-MetaData: 1`), a one-second burst on connect as Icecast and SHOUTcast send, and a title that
 * `setTitle` changes. Always `await station.stop()`.
 */
export class LoopStation {
	public title: string;
	private readonly data: Buffer;
	private readonly bytesPerTick: number;
	private position = 0;
	private readonly listeners = new Set<Listener>();
	private readonly timer: NodeJS.Timeout;

	private constructor(
		private readonly server: Server,
		options: LoopStationOptions
	) {
		this.title = options.title;
		this.data = readFileSync(options.file);
		this.bytesPerTick = Math.ceil((this.data.length / options.seconds) * (tickMs / 1000));
		server.on('request', (request, response) => {
			const listener = {
				response,
				icy: request.headers['icy-metadata'] === '1' ? new IcyInterleaver(options.metaint ?? 8192, () => this.title, false) : undefined
			};
			response.writeHead(200, {
				'content-type': options.contentType,
				'icy-name': 'Alastor Loop Station',
				...(listener.icy && { 'icy-metaint': String(options.metaint ?? 8192) })
			});
			this.listeners.add(listener);
			response.once('close', () => this.listeners.delete(listener));
			this.send(listener, this.loop(this.position - this.bytesPerTick * (1000 / tickMs), this.position));
		});
		this.timer = setInterval(() => {
			const chunk = this.loop(this.position, this.position + this.bytesPerTick);
			this.position += this.bytesPerTick;
			for (const listener of this.listeners) this.send(listener, chunk);
		}, tickMs);
	}

	public url(path = '/stream'): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
	}

	public async stop(): Promise<void> {
		clearInterval(this.timer);
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private send({ response, icy }: Listener, chunk: Buffer): void {
		for (const part of icy ? icy.interleave(chunk) : [chunk]) response.write(part);
	}

	/** Bytes `from` to `to` of the endless loop of the file. */
	private loop(from: number, to: number): Buffer {
		const parts: Buffer[] = [];
		for (let at = Math.max(0, from); at < to;) {
			const offset = at % this.data.length;
			const take = Math.min(this.data.length - offset, to - at);
			parts.push(this.data.subarray(offset, offset + take));
			at += take;
		}
		return Buffer.concat(parts);
	}

	public static async start(options: LoopStationOptions): Promise<LoopStation> {
		const server = createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return new LoopStation(server, options);
	}
}
