import { formatProbeReport } from '#lib/stations/probe/formatProbeReport';
import { probeStation } from '#lib/stations/probe/probeStation';
import { readArguments } from '#lib/cli/readArguments';

const usage = `Usage: npm run probe -- <url> [--json]

Resolves a station URL (playlists, HLS, redirects), checks that audio arrives, runs the bot's ffmpeg pipeline on it
for 5 seconds and reports the stream URL, codec, bitrate, ICY station name, current song title and Opus frames made.
Exit code: 0 when it plays, 1 when it does not, 2 on a usage error.
`;

function parseArguments(argv: readonly string[]): { url: string; json: boolean } | string {
	let url: string | undefined;
	let json = false;
	for (const argument of argv) {
		if (argument === '--json') json = true;
		else if (argument.startsWith('-')) return `Unknown option ${argument}.`;
		else if (url === undefined) url = argument;
		else return `Only one URL, please (got "${url}" and "${argument}").`;
	}
	return url === undefined ? 'Missing the URL to probe.' : { url, json };
}

const parsed = readArguments(usage, parseArguments);

// Ctrl+C stops ffmpeg before we leave, so no process outlives the probe.
const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interrupted.abort(new Error(`interrupted by ${signal}`)));

try {
	const report = await probeStation(parsed.url, { signal: interrupted.signal });
	process.stdout.write(parsed.json ? `${JSON.stringify(report)}\n` : formatProbeReport(report));
	process.exitCode = report.plays ? 0 : 1;
} catch (error) {
	if (interrupted.signal.aborted) {
		process.stderr.write('Interrupted.\n');
		process.exitCode = 130;
	} else {
		throw error;
	}
}
