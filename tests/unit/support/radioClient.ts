import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** A real HTTP listener of a radio mount that records everything it receives. */
export class RadioClient {
	public readonly chunks: Buffer[] = [];
	public ended = false;
	public failed: Error | undefined;
	public closed = false;

	private constructor(
		public readonly request: ClientRequest,
		public readonly response: IncomingMessage
	) {
		response.on('data', (chunk: Buffer) => this.chunks.push(chunk));
		response.on('end', () => {
			this.ended = true;
		});
		// A reset connection surfaces on the request or the response, depending on timing.
		const fail = (error: Error) => {
			this.failed ??= error;
		};
		request.on('error', fail);
		response.on('error', fail);
		response.on('close', () => {
			this.closed = true;
		});
	}

	public get receivedBytes(): number {
		return this.chunks.reduce((total, chunk) => total + chunk.length, 0);
	}

	/** Waits until at least `bytes` have arrived (rejects after `timeoutMs`). */
	public async waitForBytes(bytes: number, timeoutMs = 20_000): Promise<void> {
		await waitUntil(() => this.receivedBytes >= bytes, timeoutMs, `${bytes} bytes (got ${this.receivedBytes})`);
	}

	public body(): Buffer {
		return Buffer.concat(this.chunks);
	}

	public close(): void {
		this.request.destroy();
	}

	public static async connect(url: string, { icy = false } = {}): Promise<RadioClient> {
		const request = get(url, { headers: icy ? { 'Icy-MetaData': '1' } : {} });
		const [response] = (await once(request, 'response')) as [IncomingMessage];
		return new RadioClient(request, response);
	}
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(25);
	}
}

/** PIDs of running processes whose command line contains `marker`. */
export async function processesMatching(marker: string): Promise<number[]> {
	return new Promise((resolve, reject) => {
		execFile('pgrep', ['-f', marker], (error, stdout) => {
			// pgrep exits 1 when nothing matches.
			if (error && error.code !== 1) reject(error);
			else resolve(stdout.split('\n').filter(Boolean).map(Number));
		});
	});
}

/** Decodes MP3 bytes with ffmpeg into mono 16-bit PCM at `sampleRate`. */
export async function decodeMp3(mp3: Buffer, sampleRate = 44_100): Promise<Int16Array> {
	const ffmpeg = spawn(
		'ffmpeg',
		['-hide_banner', '-loglevel', 'error', '-f', 'mp3', '-i', 'pipe:0', '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', 'pipe:1'],
		{
			stdio: ['pipe', 'pipe', 'ignore']
		}
	);
	const output: Buffer[] = [];
	ffmpeg.stdout.on('data', (chunk: Buffer) => output.push(chunk));
	ffmpeg.stdin.end(mp3);
	const [code] = (await once(ffmpeg, 'close')) as [number | null];
	if (code !== 0) throw new Error(`ffmpeg could not decode the MP3 (exit code ${code})`);
	const pcm = Buffer.concat(output);
	return new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
}

/** Rough dominant frequency of a clean tone: upward zero crossings per second. */
export function zeroCrossingFrequency(samples: Int16Array, sampleRate: number): number {
	let crossings = 0;
	for (let index = 1; index < samples.length; index++) if (samples[index - 1] < 0 && samples[index] >= 0) crossings++;
	return crossings / (samples.length / sampleRate);
}
