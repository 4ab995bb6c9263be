import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export type SineEncoder = ChildProcessByStdio<null, Readable, null>;

export interface SineEncoderOptions {
	readonly frequency: number;
	readonly bitrateKbps: number;
	/** Put into the ffmpeg command line so tests can find (and count) exactly these processes with `pgrep -f`. */
	readonly marker: string;
}

/** One ffmpeg producing a live (real-time, `-re`) stereo sine tone as MP3 on stdout. FFMPEG_PATH overrides the binary. */
export function spawnSineEncoder({ frequency, bitrateKbps, marker }: SineEncoderOptions): SineEncoder {
	const args = [
		'-hide_banner',
		'-nostdin',
		'-loglevel',
		'error',
		'-re',
		'-f',
		'lavfi',
		'-i',
		`sine=frequency=${frequency}:sample_rate=44100`,
		'-ac',
		'2',
		'-c:a',
		'libmp3lame',
		'-b:a',
		`${bitrateKbps}k`,
		'-metadata',
		`comment=${marker}`,
		'-f',
		'mp3',
		'pipe:1'
	];
	return spawn(process.env.FFMPEG_PATH ?? 'ffmpeg', args, { stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Resolves once the process has exited (immediately if it already has). */
export function waitForExit(child: SineEncoder): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	// A failed spawn (no ffmpeg binary) emits 'error' and may never emit 'exit'.
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', () => resolve());
	});
}
