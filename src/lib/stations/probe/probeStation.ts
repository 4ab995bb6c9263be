import { FfmpegMetadataReader } from '#lib/stations/nowPlaying/FfmpegMetadataReader';
import { preflight } from '#lib/stations/preflight/preflight';
import { resolveDefaults } from '#lib/stations/resolve/resolveStream';
import type { ResolvedStream } from '#lib/stations/resolve/types';
import { buildFfmpegArgs } from '#lib/ffmpeg/ffmpegArgs';
import { FfmpegNotFoundError, resolveFfmpeg } from '#lib/ffmpeg/resolveFfmpeg';
import { parseFfmpegStreamInfo } from '#lib/stations/probe/parseFfmpegStreamInfo';
import type { ProbeReport } from '#lib/stations/probe/ProbeReport';
import { readIcyTitle } from '#lib/stations/probe/readIcyTitle';
import { sampleFfmpegOutput } from '#lib/stations/probe/sampleFfmpegOutput';

export interface ProbeOptions {
	readonly userAgent?: string;
	/** For resolving and preflight. Default 10 s. */
	readonly timeoutMs?: number;
	/** How long ffmpeg's output is sampled, after its first frame. Default 5 s. */
	readonly sampleSeconds?: number;
	/** Opus bitrate of the pipeline. Default 96 kbps. */
	readonly bitrateKbps?: number;
	readonly env?: NodeJS.ProcessEnv;
	readonly signal?: AbortSignal;
}

const probeMarker = 'alastor-probe';

/**
 * Everything a station author wants to know about a URL: resolves and preflights it, runs the bot's ffmpeg pipeline on
 * it for a few seconds counting the Opus frames it makes, and reads codec details (ffmpeg's stderr) and the ICY
 * station name and song title. Stream problems end up in the report, never as exceptions.
 */
export async function probeStation(input: string, options: ProbeOptions = {}): Promise<ProbeReport> {
	const userAgent = options.userAgent ?? resolveDefaults.userAgent;
	const timeoutMs = options.timeoutMs ?? 10_000;
	const sampleSeconds = options.sampleSeconds ?? 5;
	const report = emptyReport(input, sampleSeconds);

	const checked = await preflight(input, { timeoutMs, userAgent, signal: options.signal });
	if (!checked.ok) return { ...report, reason: checked.reason, message: checked.message };
	const withStream = { ...report, ...streamFields(checked.stream), firstAudioMs: checked.firstAudioMs };

	let ffmpegPath: string;
	try {
		ffmpegPath = resolveFfmpeg(options.env).path;
	} catch (error) {
		if (error instanceof FfmpegNotFoundError) return { ...withStream, reason: 'ffmpeg-missing', message: error.message };
		throw error;
	}

	const sampleMs = sampleSeconds * 1000;
	const [sample, icy] = await Promise.all([
		sampleFfmpegOutput({
			ffmpegPath,
			args: pipelineArgs(checked.stream, userAgent, options.bitrateKbps ?? 96),
			sampleMs,
			startTimeoutMs: timeoutMs,
			signal: options.signal
		}),
		checked.stream.kind === 'direct' ? readIcyTitle(checked.stream.url, { timeoutMs: sampleMs, userAgent }) : Promise.resolve(null)
	]);

	const info = parseFfmpegStreamInfo(sample.stderr);
	const plays = sample.opusFrames > 0;
	return {
		...withStream,
		plays,
		reason: plays ? null : 'ffmpeg-no-audio',
		message: plays ? null : `ffmpeg produced no audio${sample.exitedEarly ? ` (${sample.exitedEarly})` : ''}: ${lastError(sample.stderr)}`,
		format: info?.format ?? null,
		codec: info?.codec ? `${info.codec}${info.profile ? ` (${info.profile})` : ''}` : null,
		sampleRateHz: info?.sampleRateHz ?? null,
		channels: info?.channels ?? null,
		bitrateKbps: info?.bitrateKbps ?? checked.stream.icy?.bitrate ?? null,
		icyName: icy?.name ?? checked.stream.icy?.name ?? null,
		title: icy?.title || metadataTitle(sample.stderr),
		firstFrameMs: sample.firstFrameMs,
		opusFrames: sample.opusFrames,
		ffmpeg: ffmpegPath
	};
}

/** The bot's own pipeline arguments, at `-loglevel info` so ffmpeg describes the input. */
function pipelineArgs(stream: ResolvedStream, userAgent: string, bitrateKbps: number): string[] {
	const args = buildFfmpegArgs({ inputUrl: stream.url, userAgent, bitrateKbps, marker: probeMarker, container: stream.container });
	const level = args.indexOf('-loglevel');
	if (level !== -1) args[level + 1] = 'info';
	return args;
}

function streamFields(stream: ResolvedStream): Partial<ProbeReport> {
	return {
		resolvedUrl: stream.url,
		kind: stream.kind,
		container: stream.container,
		contentType: stream.contentType,
		chain: stream.chain,
		icyName: stream.icy?.name ?? null,
		icyGenre: stream.icy?.genre ?? null,
		bitrateKbps: stream.icy?.bitrate ?? null
	};
}

function metadataTitle(stderr: string): string | null {
	const reader = new FfmpegMetadataReader();
	for (const line of stderr.split(/\r?\n|\r/)) {
		const metadata = reader.push(line);
		if (metadata) return metadata.title;
	}
	return reader.end()?.title ?? null;
}

function lastError(stderr: string): string {
	const lines = stderr
		.split(/\r?\n|\r/)
		.map((line) => line.trim())
		.filter(Boolean);
	return lines.at(-1) ?? 'no output';
}

function emptyReport(input: string, sampleSeconds: number): ProbeReport {
	return {
		input,
		plays: false,
		reason: null,
		message: null,
		resolvedUrl: null,
		kind: null,
		container: null,
		contentType: null,
		chain: [],
		format: null,
		codec: null,
		sampleRateHz: null,
		channels: null,
		bitrateKbps: null,
		icyName: null,
		icyGenre: null,
		title: null,
		firstAudioMs: null,
		firstFrameMs: null,
		opusFrames: 0,
		sampleSeconds,
		ffmpeg: null
	};
}
