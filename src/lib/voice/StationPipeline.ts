import {
	AudioPlayerStatus,
	createAudioPlayer,
	createAudioResource,
	entersState,
	NoSubscriberBehavior,
	StreamType,
	type AudioPlayer,
	type AudioResource
} from '@discordjs/voice';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { pipeline as pipeStreams } from 'node:stream/promises';
import type { Log } from '#lib/logger/logger';
import type { HttpGetOptions, HttpResponse } from '#lib/net/httpGet';
import type { StreamContainer } from '#lib/stations/resolve/types';
import { NowPlaying, type NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { watchFfmpegMetadata } from '#lib/stations/nowPlaying/watchFfmpegMetadata';
import { KeyedThrottle } from '#lib/timing/KeyedThrottle';
import { backoffDelay, type BackoffPolicy } from '#lib/timing/backoff';
import { buildFfmpegArgs } from '#lib/ffmpeg/ffmpegArgs';
import { spawnFfmpeg } from '#lib/ffmpeg/spawnFfmpeg';
import { openStationSource } from '#lib/voice/openStationSource';

/** Where the audio comes from, as the stream resolver found it. */
export interface PipelineInput {
	url: string;
	/**
	 * Direct streams are fetched by us (ICY titles, one connection). HLS is fetched by ffmpeg ('hls'), or by us ('hls-piped',
	 * user-provided stations: every playlist and segment request goes through the URL safety hooks) and fed to ffmpeg's stdin.
	 */
	kind: 'direct' | 'hls' | 'hls-piped';
	/** What the resolver sniffed; ffmpeg reads the bytes we feed it as exactly that. Absent: any audio container. */
	container?: StreamContainer;
	/** URL safety hooks for user-provided stations (see #lib/net/safety), applied to our fetch of a direct or 'hls-piped' stream. */
	lookup?: HttpGetOptions['lookup'];
	checkUrl?: HttpGetOptions['checkUrl'];
}

export interface StationPipelineOptions {
	ffmpegPath: string;
	userAgent: string;
	bitrateKbps: number;
	/** Called before every (re)start; `fresh` after a failure, when a cached resolution may be what broke. */
	resolveInput(fresh: boolean): Promise<PipelineInput>;
	restart: BackoffPolicy;
	/** No audio for this long while ffmpeg runs counts as a stalled stream: restart it. */
	stallTimeoutMs: number;
	/** A run that played this long resets the retry budget: the station is alive, it just hiccuped. */
	healthyAfterMs: number;
	/** Time allowed for the station's server to answer. */
	connectTimeoutMs: number;
	/** Title changes are passed on at most this often, the latest winning (default 2 s): a station cannot flood its listeners. */
	titleIntervalMs?: number;
	log: Log;
}

interface PipelineEvents {
	/** The retry budget is spent; the pipeline has stopped itself and its listeners must be told. */
	dead: [reason: string];
	title: [title: NowPlayingTitle];
}

const DefaultTitleIntervalMs = 2_000;

/**
 * One ffmpeg and one AudioPlayer for one station: every guild listening to it subscribes its voice
 * connection to `player`, so a thousand listeners cost one encoder.
 */
export class StationPipeline extends EventEmitter<PipelineEvents> {
	public readonly player: AudioPlayer = createAudioPlayer({ behaviors: { noSubscriber: NoSubscriberBehavior.Play } });
	public readonly listeningGuilds = new Set<string>();
	public readonly nowPlaying = new NowPlaying();
	public restarts = 0;

	private process: ChildProcess | null = null;
	private source: { close(): void } | null = null;
	private resource: AudioResource | null = null;
	private failedAttempts = 0;
	private runStartedAt = 0;
	private stopped = false;
	private starting = false;
	private restartTimer: NodeJS.Timeout | null = null;
	private readonly watchdog: NodeJS.Timeout;
	private lastPlaybackDuration = 0;
	private lastProgressAt = Date.now();
	private lastError = '';
	private readonly titles: KeyedThrottle<NowPlayingTitle>;

	public constructor(
		public readonly key: string,
		public readonly stationId: string,
		/** Percent of the station's level this pipeline plays at (a volume step). */
		public readonly volume: number,
		private readonly options: StationPipelineOptions
	) {
		super();
		this.player.on('error', (error) => this.options.log.warn({ err: error, pipeline: key }, 'audio player error'));
		this.titles = new KeyedThrottle(options.titleIntervalMs ?? DefaultTitleIntervalMs, (_, title) => this.emit('title', title));
		this.nowPlaying.on('change', (title: NowPlayingTitle) => this.titles.push(key, title));
		this.watchdog = setInterval(() => this.checkProgress(), 1_000);
		this.watchdog.unref();
	}

	public get isStopped(): boolean {
		return this.stopped;
	}

	/** Resolves true once audio flows (or already does), false if it does not within `timeoutMs` or the pipeline stops. */
	public async whenAudible(timeoutMs: number): Promise<boolean> {
		if (this.stopped) return false;
		try {
			await entersState(this.player, AudioPlayerStatus.Playing, timeoutMs);
			return !this.stopped;
		} catch {
			return false;
		}
	}

	/** Starts ffmpeg, reading the station from `connection` (its stream, already open and checked) if given. */
	public start(connection?: HttpResponse): void {
		if (this.stopped || this.process || this.starting) {
			connection?.close();
			return;
		}
		this.starting = true;
		this.runStartedAt = Date.now();
		this.lastProgressAt = Date.now();
		this.lastPlaybackDuration = 0;
		void this.open(connection)
			.catch((error: Error) => this.onRunEnded(`${error.message}`))
			.finally(() => {
				this.starting = false;
			});
	}

	/** Ends ffmpeg, the source connection and the player for good; resolves once ffmpeg is gone. */
	public async stop(): Promise<void> {
		this.stopped = true;
		clearInterval(this.watchdog);
		this.titles.dispose();
		if (this.restartTimer) clearTimeout(this.restartTimer);
		this.player.stop(true);
		this.source?.close();
		this.source = null;
		const child = this.process;
		this.process = null;
		this.resource = null;
		if (child) await terminate(child);
		this.options.log.info({ pipeline: this.key }, 'pipeline stopped');
	}

	private async open(connection?: HttpResponse): Promise<void> {
		const input = await this.options.resolveInput(this.failedAttempts > 0).catch((error: unknown) => {
			connection?.close();
			throw error;
		});
		this.stage('resolved');
		if (this.stopped) {
			connection?.close();
			return;
		}
		// Titles come from the stream's bytes (ICY, chained Ogg, HLS) and from ffmpeg's header at start.
		const source = await openStationSource(input, connection, {
			userAgent: this.options.userAgent,
			timeoutMs: this.options.connectTimeoutMs,
			onTitle: (title, from) => this.nowPlaying.update(title, from)
		});
		if (source) this.stage('connected');
		if (this.stopped) {
			source?.close();
			return;
		}
		const fed = source !== null;

		const args = buildFfmpegArgs({
			inputUrl: fed ? 'pipe:0' : input.url,
			userAgent: this.options.userAgent,
			bitrateKbps: this.options.bitrateKbps,
			marker: `alastor-station=${this.stationId}`,
			volumePercent: this.volume,
			container: input.container
		});
		const child = spawnFfmpeg(this.options.ffmpegPath, args, { feedStdin: fed });
		this.process = child;
		this.stage('spawned');
		child.stdout!.once('data', () => this.stage('first output'));
		child.once('error', (error) => this.options.log.error({ err: error, pipeline: this.key }, 'ffmpeg could not start'));
		child.once('close', (code, signal) => this.onProcessExit(child, code, signal));
		watchFfmpegMetadata(
			child.stderr!,
			({ title }) => title && this.nowPlaying.update(title, 'ffmpeg'),
			(line) => this.rememberStderr(line)
		);

		if (source) {
			this.source = source;
			// The station closing or resetting the connection, a refused HLS URL, an encrypted or vanished HLS stream, or the end of
			// a finished playlist ends ffmpeg's input; its exit restarts the pipeline.
			pipeStreams([...source.chain, child.stdin!]).catch((error: Error) => {
				this.lastError = `${source.label}: ${error.message}`;
				if (this.process === child) child.kill('SIGKILL');
			});
		}

		this.resource = createAudioResource(child.stdout!, { inputType: StreamType.OggOpus });
		this.player.play(this.resource);
		void this.whenAudible(this.options.connectTimeoutMs).then((audible) => audible && this.process === child && this.stage('playing'));
		this.options.log.info({ pipeline: this.key, pid: child.pid, input: input.kind, url: input.url }, 'pipeline started');
	}

	private checkProgress(): void {
		if (!this.process || !this.resource) return;
		const duration = this.resource.playbackDuration;
		if (duration !== this.lastPlaybackDuration) {
			this.lastPlaybackDuration = duration;
			this.lastProgressAt = Date.now();
		} else if (Date.now() - this.lastProgressAt > this.options.stallTimeoutMs) {
			this.options.log.warn({ pipeline: this.key, silentMs: Date.now() - this.lastProgressAt }, 'stream stalled: restarting');
			this.lastError = 'stalled: no audio';
			this.lastProgressAt = Date.now();
			this.process.kill('SIGKILL');
		}
	}

	private onProcessExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
		if (this.process !== child) return;
		this.process = null;
		this.resource = null;
		this.source?.close();
		this.source = null;
		this.onRunEnded(this.lastError || `ffmpeg exited with ${code ?? signal}`);
	}

	/** A run ended (ffmpeg exited, or the stream could not be opened): retry with backoff, or give up. */
	private onRunEnded(reason: string): void {
		if (this.stopped) return;
		this.lastError = '';
		if (Date.now() - this.runStartedAt >= this.options.healthyAfterMs) this.failedAttempts = 0;
		this.failedAttempts++;
		const log = { pipeline: this.key, reason, attempt: this.failedAttempts };
		if (this.failedAttempts > this.options.restart.maxAttempts) {
			this.options.log.error(log, 'station stays down: giving up');
			void this.stop();
			this.emit('dead', reason);
			return;
		}
		const delay = backoffDelay(this.failedAttempts, this.options.restart);
		this.options.log.warn({ ...log, delayMs: delay }, 'stream ended: restarting');
		this.restartTimer = setTimeout(() => {
			this.restartTimer = null;
			this.restarts++;
			this.start();
		}, delay);
	}

	/** Where a start's time goes (`npm run bench -- startup` reads these). */
	private stage(name: string): void {
		this.options.log.debug({ pipeline: this.key, stage: name, ms: Date.now() - this.runStartedAt }, 'pipeline stage');
	}

	private rememberStderr(line: string): void {
		if (/error|failed|invalid|refused|timed out/i.test(line)) this.lastError = line.trim().slice(0, 300);
	}
}

/** SIGTERM, then SIGKILL if ffmpeg ignores it: no process survives us. */
function terminate(child: ChildProcess, graceMs = 2_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('close', () => {
			clearTimeout(killer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
