import {
	AudioPlayerStatus,
	createAudioPlayer,
	createAudioResource,
	NoSubscriberBehavior,
	StreamType,
	type AudioPlayer,
	type AudioResource
} from '@discordjs/voice';
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { buildFfmpegArgs } from './ffmpegArgs.js';

export interface StationPipelineOptions {
	ffmpegPath: string;
	userAgent: string;
	bitrateKbps: number;
	restart: BackoffPolicy;
	/** No audio for this long while ffmpeg runs counts as a stalled stream: restart it. */
	stallTimeoutMs: number;
	/** A run that played this long resets the retry budget: the station is alive, it just hiccuped. */
	healthyAfterMs: number;
	log: Logger;
}

interface PipelineEvents {
	/** The retry budget is spent; listeners must be told and the pipeline is stopped. */
	dead: [reason: string];
	playing: [];
}

/**
 * One ffmpeg and one AudioPlayer for one station: every guild listening to it subscribes its voice
 * connection to `player`, so a thousand listeners cost one encoder.
 */
export class StationPipeline extends EventEmitter<PipelineEvents> {
	public readonly player: AudioPlayer = createAudioPlayer({ behaviors: { noSubscriber: NoSubscriberBehavior.Play } });
	public readonly listeningGuilds = new Set<string>();
	public readonly startedAt = Date.now();
	public restarts = 0;

	private process: ChildProcess | null = null;
	private resource: AudioResource | null = null;
	private failedAttempts = 0;
	private runStartedAt = 0;
	private stopped = false;
	private restartTimer: NodeJS.Timeout | null = null;
	private readonly watchdog: NodeJS.Timeout;
	private lastPlaybackDuration = 0;
	private lastProgressAt = Date.now();
	private readonly stderrTail: string[] = [];

	public constructor(
		public readonly key: string,
		public readonly stationId: string,
		private readonly inputUrl: string,
		private readonly options: StationPipelineOptions
	) {
		super();
		this.player.on('error', (error) => this.options.log.warn({ err: error, pipeline: key }, 'audio player error'));
		this.player.on(AudioPlayerStatus.Playing, () => this.emit('playing'));
		this.watchdog = setInterval(() => this.checkProgress(), 1_000);
		this.watchdog.unref();
	}

	public get pid(): number | null {
		return this.process?.pid ?? null;
	}

	public get isStopped(): boolean {
		return this.stopped;
	}

	public start(): void {
		if (this.stopped || this.process) return;
		const args = buildFfmpegArgs({
			inputUrl: this.inputUrl,
			userAgent: this.options.userAgent,
			bitrateKbps: this.options.bitrateKbps,
			marker: `alastor-station=${this.stationId}`
		});
		const child = spawn(this.options.ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		this.process = child;
		this.runStartedAt = Date.now();
		this.lastProgressAt = Date.now();
		this.lastPlaybackDuration = 0;
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => this.rememberStderr(chunk));
		child.once('error', (error) => this.options.log.error({ err: error, pipeline: this.key }, 'ffmpeg could not start'));
		child.once('close', (code, signal) => this.onProcessExit(child, code, signal));
		this.resource = createAudioResource(child.stdout, { inputType: StreamType.OggOpus });
		this.player.play(this.resource);
		this.options.log.info({ pipeline: this.key, pid: child.pid }, 'pipeline started');
	}

	/** Ends ffmpeg and the player for good; resolves once the process is gone. */
	public async stop(): Promise<void> {
		this.stopped = true;
		clearInterval(this.watchdog);
		if (this.restartTimer) clearTimeout(this.restartTimer);
		this.player.stop(true);
		const child = this.process;
		this.process = null;
		this.resource = null;
		if (child) await terminate(child);
		this.options.log.info({ pipeline: this.key }, 'pipeline stopped');
	}

	/** Kills the current ffmpeg so the normal restart path brings a fresh one. */
	private restartNow(reason: string): void {
		if (!this.process) return;
		this.options.log.warn({ pipeline: this.key, reason }, 'restarting pipeline');
		this.process.kill('SIGKILL');
	}

	private checkProgress(): void {
		if (!this.process || !this.resource) return;
		const duration = this.resource.playbackDuration;
		if (duration !== this.lastPlaybackDuration) {
			this.lastPlaybackDuration = duration;
			this.lastProgressAt = Date.now();
		} else if (Date.now() - this.lastProgressAt > this.options.stallTimeoutMs) {
			this.restartNow('stalled: no audio');
		}
	}

	private onProcessExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
		if (this.process !== child && this.process !== null) return;
		this.process = null;
		this.resource = null;
		if (this.stopped) return;

		if (Date.now() - this.runStartedAt >= this.options.healthyAfterMs) this.failedAttempts = 0;
		this.failedAttempts++;
		const log = { pipeline: this.key, code, signal, attempt: this.failedAttempts, stderr: this.stderrTail.join('').slice(-500) };
		if (this.failedAttempts > this.options.restart.maxAttempts) {
			this.options.log.error(log, 'station stays down: giving up');
			this.emit('dead', this.stderrTail.join('').trim().split('\n').at(-1) ?? `ffmpeg exited with ${code ?? signal}`);
			return;
		}
		const delay = backoffDelay(this.failedAttempts, this.options.restart);
		this.options.log.warn({ ...log, delayMs: delay }, 'ffmpeg exited: restarting');
		this.restartTimer = setTimeout(() => {
			this.restartTimer = null;
			this.restarts++;
			this.start();
		}, delay);
	}

	private rememberStderr(chunk: string): void {
		this.stderrTail.push(chunk);
		while (this.stderrTail.length > 20) this.stderrTail.shift();
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
