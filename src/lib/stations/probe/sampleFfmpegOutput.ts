import type { Readable } from 'node:stream';
import { spawnFfmpeg } from '#lib/ffmpeg/spawnFfmpeg';
import { OggPacketCounter } from '#lib/stations/probe/OggPacketCounter';

export interface FfmpegSampleOptions {
	readonly ffmpegPath: string;
	readonly args: readonly string[];
	/** Length of the sample, counted from the first Opus frame. */
	readonly sampleMs: number;
	/** Time allowed until the first frame. */
	readonly startTimeoutMs: number;
	/** Stops ffmpeg early (e.g. on Ctrl+C). */
	readonly signal?: AbortSignal;
}

export interface FfmpegSample {
	/** Opus packets (20 ms frames) ffmpeg wrote within `sampleMs` of the first one. */
	readonly opusFrames: number;
	/** From spawning ffmpeg to its first Opus frame; null when none came. */
	readonly firstFrameMs: number | null;
	/** ffmpeg's stderr (bounded), for stream details, metadata and error messages. */
	readonly stderr: string;
	/** Exit code or signal when ffmpeg ended before the sample did; null when we stopped it. */
	readonly exitedEarly: string | null;
}

const maxStderrChars = 64 * 1024;

/** Runs ffmpeg, counts the Opus frames it produces for `sampleMs` after the first one, then stops it (and waits for it). */
export function sampleFfmpegOutput({ ffmpegPath, args, sampleMs, startTimeoutMs, signal }: FfmpegSampleOptions): Promise<FfmpegSample> {
	return new Promise((resolve) => {
		const started = performance.now();
		const counter = new OggPacketCounter();
		// The bot's own way of starting ffmpeg (an empty environment, among others).
		const child = spawnFfmpeg(ffmpegPath, args, { feedStdin: false });
		const stdout = child.stdout as Readable;
		const stderrStream = child.stderr as Readable;
		let stderr = '';
		let firstFrameMs: number | null = null;
		let framesAtStop: number | null = null;
		let stopped = false;
		let streamError = false;

		const stop = () => {
			if (stopped) return;
			stopped = true;
			framesAtStop = counter.packets;
			clearTimeout(startTimer);
			clearTimeout(sampleTimer);
			signal?.removeEventListener('abort', stop);
			child.kill('SIGKILL');
		};
		signal?.addEventListener('abort', stop, { once: true });
		if (signal?.aborted) stop();
		const startTimer = setTimeout(stop, startTimeoutMs);
		let sampleTimer: NodeJS.Timeout | undefined;

		stdout.on('data', (chunk: Buffer) => {
			if (stopped || streamError) return;
			try {
				counter.push(chunk);
			} catch {
				streamError = true;
			}
			if (firstFrameMs === null && counter.packets > 0) {
				firstFrameMs = Math.round(performance.now() - started);
				clearTimeout(startTimer);
				sampleTimer = setTimeout(stop, sampleMs);
			}
		});
		stderrStream.on('data', (chunk: Buffer) => {
			if (stderr.length < maxStderrChars) stderr += chunk.toString('utf8');
		});
		child.on('error', (error) => {
			stderr += `\n${error.message}`;
		});
		child.on('close', (code, signal) => {
			const exitedEarly = stopped ? null : `ffmpeg exited with ${code === null ? `signal ${signal}` : `code ${code}`}`;
			stop();
			resolve({ opusFrames: framesAtStop ?? counter.packets, firstFrameMs, stderr: stderr.slice(0, maxStderrChars), exitedEarly });
		});
	});
}
