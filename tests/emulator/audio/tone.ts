import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

export const ffmpegPath = process.env.FFMPEG_PATH ?? 'ffmpeg';

export interface ToneSource {
	/** Ogg Opus, 48 kHz stereo: @discordjs/voice's StreamType.OggOpus, passed through without transcoding. */
	stream: Readable;
	process: ChildProcessByStdio<null, Readable, null>;
	/** Kills ffmpeg and resolves once it has exited. */
	stop(): Promise<void>;
}

const oggOpusOutput = ['-ac', '2', '-ar', '48000', '-c:a', 'libopus', '-frame_duration', '20', '-f', 'ogg', 'pipe:1'];

/** A sine tone of `seconds` as Ogg Opus (48 kHz stereo, 20 ms frames), encoded as fast as ffmpeg can. */
export async function encodeToneToOggOpus(frequency: number, seconds: number): Promise<Buffer> {
	const { stdout } = await promisify(execFile)(
		ffmpegPath,
		['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`, ...oggOpusOutput],
		{ encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 }
	);
	return stdout;
}

/** Starts ffmpeg playing a sine tone in real time (-re), like a live radio stream. */
export function startToneStream(frequency: number, options: { seconds?: number } = {}): ToneSource {
	const duration = options.seconds === undefined ? [] : ['-t', String(options.seconds)];
	const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `sine=frequency=${frequency}`, ...duration];
	const child = spawn(ffmpegPath, [...args, ...oggOpusOutput], {
		stdio: ['ignore', 'pipe', 'ignore']
	});
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('close', () => resolve()).once('error', () => resolve());
	});
	return {
		stream: child.stdout,
		process: child,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
