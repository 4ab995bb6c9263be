import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { watchFfmpegMetadata } from '#lib/stations/nowPlaying/watchFfmpegMetadata';
import { type FfmpegInputMetadata } from '#lib/stations/nowPlaying/FfmpegMetadataReader';

export interface FfmpegRun {
	readonly code: number | null;
	readonly stderr: string;
	readonly inputs: FfmpegInputMetadata[];
}

/** Children started by these helpers; `killAll()` in afterEach so none outlives a failed test. */
const running = new Set<ChildProcess>();

/** Runs `ffmpeg -loglevel info … -i <input> -f null -` and reads its stderr with watchFfmpegMetadata. */
export async function playWithFfmpeg(input: string, inputOptions: readonly string[] = []): Promise<FfmpegRun> {
	const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'info', ...inputOptions, '-i', input, '-f', 'null', '-'], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	running.add(child);
	const inputs: FfmpegInputMetadata[] = [];
	const lines: string[] = [];
	watchFfmpegMetadata(
		child.stderr,
		(metadata) => inputs.push(metadata),
		(line) => lines.push(line)
	);
	const [code] = (await once(child, 'close')) as [number | null];
	running.delete(child);
	return { code, stderr: lines.join('\n'), inputs };
}

/** Runs ffmpeg to create a file; rejects when it fails. */
export async function ffmpeg(args: readonly string[]): Promise<void> {
	const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
	running.add(child);
	const [code] = (await once(child, 'close')) as [number | null];
	running.delete(child);
	if (code !== 0) throw new Error(`ffmpeg ${args.join(' ')} exited with ${code}`);
}

/** Decodes `input` (a file, or bytes on stdin with `-f <format> -i pipe:0`) to mono 16-bit PCM at 44.1 kHz. */
export function spawnDecoder(
	format: string
): ChildProcess & { stdin: NonNullable<ChildProcess['stdin']>; stdout: NonNullable<ChildProcess['stdout']> } {
	const child = spawn(
		'ffmpeg',
		['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', format, '-i', 'pipe:0', '-ac', '1', '-ar', '44100', '-f', 's16le', 'pipe:1'],
		{
			stdio: ['pipe', 'pipe', 'ignore']
		}
	);
	running.add(child);
	child.once('close', () => running.delete(child));
	return child as ReturnType<typeof spawnDecoder>;
}

export async function killAll(): Promise<void> {
	await Promise.all(
		[...running].map(async (child) => {
			const closed = once(child, 'close');
			child.kill('SIGKILL');
			await closed;
		})
	);
	running.clear();
}

/** Rough dominant frequency of a clean tone: upward zero crossings per second. */
export function zeroCrossingFrequency(samples: Int16Array, sampleRate: number): number {
	let crossings = 0;
	for (let index = 1; index < samples.length; index++) if (samples[index - 1]! < 0 && samples[index]! >= 0) crossings++;
	return crossings / (samples.length / sampleRate);
}
