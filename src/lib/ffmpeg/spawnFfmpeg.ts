import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts ffmpeg with its output on a pipe we read, and its input on a pipe we write when we fetch the stream ourselves.
 * Node cannot make a child die with its parent (no prctl), so the pipes do it: if the bot dies, even by SIGKILL,
 * ffmpeg's stdin reaches EOF and its next write to stdout fails with EPIPE, and ffmpeg exits either way.
 *
 * ffmpeg gets an empty environment: it reads stations' bytes, so it must not hold the bot's secrets (DISCORD_TOKEN,
 * REDIS_URL…), and it needs nothing from the environment (its path is absolute, all it does comes from the arguments).
 * That also keeps proxy variables (http_proxy) from rerouting the streams ffmpeg fetches itself.
 */
export function spawnFfmpeg(ffmpegPath: string, args: readonly string[], { feedStdin }: { feedStdin: boolean }): ChildProcess {
	return spawn(ffmpegPath, args, { stdio: [feedStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: {} });
}
