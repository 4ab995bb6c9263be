import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts ffmpeg with its output on a pipe we read, and its input on a pipe we write when we fetch the stream ourselves.
 * Node cannot make a child die with its parent (no prctl), so the pipes do it: if the bot dies, even by SIGKILL,
 * ffmpeg's stdin reaches EOF and its next write to stdout fails with EPIPE, and ffmpeg exits either way.
 */
export function spawnFfmpeg(ffmpegPath: string, args: readonly string[], { feedStdin }: { feedStdin: boolean }): ChildProcess {
	return spawn(ffmpegPath, args, { stdio: [feedStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
}
