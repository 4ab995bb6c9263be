import {
	entersState,
	getVoiceConnection,
	joinVoiceChannel,
	VoiceConnectionDisconnectReason,
	VoiceConnectionStatus,
	type VoiceConnection
} from '@discordjs/voice';
import { ChannelType, type StageChannel, type VoiceBasedChannel } from 'discord.js';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Station } from '#lib/config/types';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { TitleHistory, type TitleHistoryEntry } from '#lib/stations/nowPlaying/TitleHistory';
import { StationPipeline, type PipelineInput, type StationPipelineOptions } from './StationPipeline.js';
import { pipelineKey, UnchangedVolume } from './volume.js';

export { pipelineKey } from './volume.js';

export interface VoiceServiceOptions {
	/** Settings every station pipeline shares. */
	pipeline: Omit<StationPipelineOptions, 'log' | 'resolveInput'>;
	/** Where a station's audio comes from right now (playlists resolved, cached). */
	resolveInput(station: Station, fresh: boolean): Promise<PipelineInput>;
	/** How long a pipeline without listeners lives on, so a quick re-play does not restart ffmpeg. */
	pipelineGraceMs: number;
	/** False gives every guild its own pipeline (the naive design, for `npm run bench -- listeners`); default true. */
	sharePipelines?: boolean;
	/** How long a join may take to reach Ready before we give up and tell the user. */
	joinTimeoutMs: number;
	/** Rejoin attempts after a voice disconnect, each waiting longer. */
	maxRejoinAttempts: number;
	log: Logger;
}

export interface GuildSession {
	guildId: string;
	channelId: string;
	station: Station;
	/** Percent of the station's level: a volume step, which with the station picks the shared pipeline. */
	volume: number;
	/** The text channel where play was issued, for notices. */
	textChannelId: string | null;
	since: Date;
}

/**
 * Why a session ended. Everything but 'shutdown' ends it for good (its saved record is deleted); a shutdown keeps the
 * record so the next start resumes it.
 */
export type SessionEndReason = 'stopped' | 'idle' | 'stationDead' | 'kicked' | 'disconnected' | 'guildDeleted' | 'shutdown';

interface VoiceServiceEvents {
	/** A station's stream stayed dead; its listeners were disconnected and should be told. */
	stationDead: [sessions: GuildSession[], reason: string];
	/** A session started, or its station, volume or channel changed: what a restart should resume. */
	sessionChanged: [session: GuildSession];
	sessionEnded: [session: GuildSession, reason: SessionEndReason];
	/** A station announced a new song; `sessions` are the guilds listening to it. */
	titleChanged: [sessions: GuildSession[], title: NowPlayingTitle];
}

export class VoiceJoinError extends Error {
	public override readonly name = 'VoiceJoinError';
}

/** The pipeline at the new volume did not start playing in time; the guild keeps its current volume. */
export class VolumeChangeError extends Error {
	public override readonly name = 'VolumeChangeError';
}

/** Owns every voice connection and ffmpeg pipeline of the process. */
export class VoiceService extends EventEmitter<VoiceServiceEvents> {
	private readonly pipelines = new Map<string, StationPipeline>();
	private readonly sessions = new Map<string, GuildSession>();
	private readonly graceTimers = new Map<string, NodeJS.Timeout>();
	private readonly titleHistory = new TitleHistory({ perGuild: 20 });
	/** Why a connection is being destroyed, for its Destroyed handler; absent means the connection gave up by itself. */
	private readonly endReasons = new Map<string, SessionEndReason>();
	private shuttingDown = false;

	public constructor(private readonly options: VoiceServiceOptions) {
		super();
	}

	public get activeSessions(): readonly GuildSession[] {
		return [...this.sessions.values()];
	}

	public get activePipelines(): readonly StationPipeline[] {
		return [...this.pipelines.values()];
	}

	public sessionFor(guildId: string): GuildSession | null {
		return this.sessions.get(guildId) ?? null;
	}

	/** True while a pipeline for this station runs (at any volume): it is known to play, so no preflight is needed. */
	public isPlaying(station: Station): boolean {
		return this.pipelinesOf(station.id).some((pipeline) => !pipeline.isStopped);
	}

	/** The station's current song, from whichever of its pipelines knows it (a pipeline just started at a new volume may not yet). */
	public nowPlaying(station: Station): NowPlayingTitle | null {
		const titles = this.pipelinesOf(station.id)
			.map((pipeline) => pipeline.nowPlaying.current)
			.filter((title) => title !== null);
		return titles.sort((a, b) => b.since.getTime() - a.since.getTime())[0] ?? null;
	}

	/** The last song titles heard in this guild, newest first. */
	public history(guildId: string): readonly TitleHistoryEntry[] {
		return this.titleHistory.list(guildId);
	}

	/**
	 * Joins (or moves to) `channel` and plays `station` there at `volume` percent (a volume step; by default the guild's
	 * current volume, or unchanged for a new session), sharing the pipeline of that station and step. `startedAt` keeps
	 * the original start time of a session resumed after a restart.
	 */
	public async play(
		channel: VoiceBasedChannel,
		station: Station,
		textChannelId: string | null,
		volume?: number,
		startedAt?: Date
	): Promise<GuildSession> {
		if (this.shuttingDown) throw new VoiceJoinError('shutting down');
		const guildId = channel.guild.id;
		const level = volume ?? this.sessions.get(guildId)?.volume ?? UnchangedVolume;
		const pipeline = this.acquirePipeline(station, level, guildId);
		pipeline.listeningGuilds.add(guildId);

		let connection: VoiceConnection;
		try {
			connection = await this.connect(channel);
		} catch (error) {
			this.releasePipeline(pipeline, guildId);
			throw error;
		}

		const previous = this.sessions.get(guildId);
		if (previous && this.keyOf(previous.station.id, previous.volume, guildId) !== pipeline.key) {
			const old = this.pipelines.get(this.keyOf(previous.station.id, previous.volume, guildId));
			if (old) this.releasePipeline(old, guildId);
		}
		connection.subscribe(pipeline.player);
		if (channel.type === ChannelType.GuildStageVoice) void this.speakOnStage(channel);
		const since = previous?.station.id === station.id ? previous.since : (startedAt ?? new Date());
		const session: GuildSession = { guildId, channelId: channel.id, station, volume: level, textChannelId, since };
		this.sessions.set(guildId, session);
		const { current } = pipeline.nowPlaying;
		if (current) this.titleHistory.record(guildId, station.id, current.title, current.since);
		this.options.log.info({ guildId, channelId: channel.id, station: station.id, pipeline: pipeline.key }, 'playing');
		this.emit('sessionChanged', session);
		return session;
	}

	/**
	 * Moves the guild to the pipeline of its station at `volume` percent (a volume step). Seamless: the new pipeline must
	 * play before the connection switches to it; the old one is released (and ends after the grace time if nobody else
	 * listens). Returns the updated session, or null when nothing plays in the guild; throws VolumeChangeError (and keeps
	 * the current volume) if the new pipeline does not play within `timeoutMs`.
	 */
	public async setVolume(guildId: string, volume: number, timeoutMs = 15_000): Promise<GuildSession | null> {
		const session = this.sessions.get(guildId);
		const connection = getVoiceConnection(guildId);
		if (!session || !connection) return null;
		if (session.volume === volume) return session;

		const next = this.acquirePipeline(session.station, volume, guildId);
		next.listeningGuilds.add(guildId);
		const audible = await next.whenAudible(timeoutMs);
		const current = this.sessions.get(guildId);
		// The session stopped or changed while we waited: its newer state wins.
		if (current !== session || connection.state.status === VoiceConnectionStatus.Destroyed) {
			if (!current || this.keyOf(current.station.id, current.volume, guildId) !== next.key) this.releasePipeline(next, guildId);
			return current ?? null;
		}
		if (!audible) {
			this.releasePipeline(next, guildId);
			throw new VolumeChangeError(`the pipeline at ${volume}% did not play within ${timeoutMs} ms`);
		}

		connection.subscribe(next.player);
		const old = this.pipelines.get(this.keyOf(session.station.id, session.volume, guildId));
		if (old && old !== next) this.releasePipeline(old, guildId);
		const updated: GuildSession = { ...session, volume };
		this.sessions.set(guildId, updated);
		this.options.log.info({ guildId, station: session.station.id, from: session.volume, to: volume, pipeline: next.key }, 'volume changed');
		this.emit('sessionChanged', updated);
		return updated;
	}

	/** Discord moved the bot to another channel: the session follows, so a restart resumes where it is now. */
	public channelMoved(guildId: string, channelId: string): void {
		const session = this.sessions.get(guildId);
		if (!session || session.channelId === channelId) return;
		const updated: GuildSession = { ...session, channelId };
		this.sessions.set(guildId, updated);
		this.options.log.info({ guildId, from: session.channelId, to: channelId }, 'moved to another voice channel');
		this.emit('sessionChanged', updated);
	}

	/** Leaves voice in `guildId`; returns the session that ended, if any. */
	public stop(guildId: string, reason: SessionEndReason = 'stopped'): GuildSession | null {
		const session = this.sessions.get(guildId) ?? null;
		this.endReasons.set(guildId, reason);
		getVoiceConnection(guildId)?.destroy();
		this.endSession(guildId, reason);
		this.endReasons.delete(guildId);
		return session;
	}

	/** A station that no longer exists (a removed custom station): its listeners stop and its ffmpeg ends now, not after the grace period. */
	public retireStation(stationId: string): void {
		for (const pipeline of this.pipelinesOf(stationId)) {
			for (const guildId of [...pipeline.listeningGuilds]) this.stop(guildId);
			const grace = this.graceTimers.get(pipeline.key);
			if (grace) clearTimeout(grace);
			this.graceTimers.delete(pipeline.key);
			this.pipelines.delete(pipeline.key);
			void pipeline.stop();
		}
	}

	/** Leaves every channel and ends every ffmpeg; used on SIGTERM/SIGINT. */
	public async shutdown(): Promise<void> {
		this.shuttingDown = true;
		for (const guildId of [...this.sessions.keys()]) this.stop(guildId, 'shutdown');
		for (const timer of this.graceTimers.values()) clearTimeout(timer);
		this.graceTimers.clear();
		await Promise.all([...this.pipelines.values()].map((pipeline) => pipeline.stop()));
		this.pipelines.clear();
	}

	/** On a Stage the bot joins as audience: become a speaker (Mute Members) or at least raise its hand. */
	private async speakOnStage(channel: StageChannel): Promise<void> {
		const voiceState = channel.guild.members.me?.voice;
		if (!voiceState) return;
		try {
			await voiceState.setSuppressed(false);
		} catch {
			try {
				await voiceState.setRequestToSpeak(true);
				this.options.log.info({ guildId: channel.guild.id, channelId: channel.id }, 'stage: asked to speak');
			} catch (error) {
				this.options.log.warn({ err: error, guildId: channel.guild.id, channelId: channel.id }, 'stage: could not become a speaker');
			}
		}
	}

	private async connect(channel: VoiceBasedChannel): Promise<VoiceConnection> {
		const existing = getVoiceConnection(channel.guild.id);
		// Already there, or on the way: joining again would make Discord start a new voice session for nothing, and a
		// burst of repeated /radio play could leave the connection between sessions.
		const alreadyThere =
			existing !== undefined &&
			existing.joinConfig.channelId === channel.id &&
			existing.state.status !== VoiceConnectionStatus.Destroyed &&
			existing.state.status !== VoiceConnectionStatus.Disconnected;
		const connection = alreadyThere
			? existing
			: joinVoiceChannel({
					channelId: channel.id,
					guildId: channel.guild.id,
					adapterCreator: channel.guild.voiceAdapterCreator,
					selfDeaf: true
				});
		if (connection !== existing) this.watchConnection(connection, channel.guild.id);
		try {
			await entersState(connection, VoiceConnectionStatus.Ready, this.options.joinTimeoutMs);
			return connection;
		} catch (error) {
			// A connection that was already playing keeps its own reconnect recipe; only a new join is given up.
			if (!alreadyThere) connection.destroy();
			throw new VoiceJoinError(`voice connection did not become ready in ${this.options.joinTimeoutMs} ms`, { cause: error });
		}
	}

	/** The @discordjs/voice reconnect recipe, with bounded, growing waits. */
	private watchConnection(connection: VoiceConnection, guildId: string): void {
		connection.on(VoiceConnectionStatus.Disconnected, async (_, state) => {
			if (state.reason === VoiceConnectionDisconnectReason.WebSocketClose && state.closeCode === 4014) {
				// Moved or kicked: if Discord is moving us it reconnects by itself soon, otherwise we were removed.
				try {
					await entersState(connection, VoiceConnectionStatus.Connecting, 5_000);
				} catch {
					this.destroyConnection(connection, guildId, 'kicked');
				}
				return;
			}
			if (connection.rejoinAttempts >= this.options.maxRejoinAttempts) {
				this.options.log.warn({ guildId, attempts: connection.rejoinAttempts }, 'voice rejoin budget spent: leaving');
				this.destroyConnection(connection, guildId, 'disconnected');
				return;
			}
			await sleep(Math.min(1_000 * 2 ** connection.rejoinAttempts, 10_000));
			if (connection.state.status === VoiceConnectionStatus.Disconnected) {
				this.options.log.info({ guildId, attempt: connection.rejoinAttempts + 1 }, 'rejoining voice');
				connection.rejoin();
			}
		});
		// @discordjs/voice rejoins at once, without limit, on most close codes; 4017 (DAVE required but not negotiated)
		// would never succeed, so it is fatal for this connection rather than a tight reconnect loop.
		const watchedNetworking = new WeakSet<object>();
		connection.on('stateChange', (_, state) => {
			if (state.status !== VoiceConnectionStatus.Connecting || watchedNetworking.has(state.networking)) return;
			watchedNetworking.add(state.networking);
			state.networking.once('close', (code: number) => {
				if (code !== 4017) return;
				this.options.log.error(
					{ guildId },
					'voice server requires DAVE end-to-end encryption (close 4017) and this connection did not negotiate it: not rejoining'
				);
				this.destroyConnection(connection, guildId, 'kicked');
			});
		});
		connection.on(VoiceConnectionStatus.Destroyed, () => this.endSession(guildId, this.endReasons.get(guildId) ?? 'disconnected'));
		connection.on('error', (error) => this.options.log.warn({ err: error, guildId }, 'voice connection error'));
	}

	private destroyConnection(connection: VoiceConnection, guildId: string, reason: SessionEndReason): void {
		if (connection.state.status === VoiceConnectionStatus.Destroyed) return;
		this.endReasons.set(guildId, reason);
		connection.destroy();
		this.endReasons.delete(guildId);
	}

	private endSession(guildId: string, reason: SessionEndReason): void {
		const session = this.sessions.get(guildId);
		if (!session) return;
		this.sessions.delete(guildId);
		// A volume change in flight may hold the guild in a second pipeline: release it from every one.
		for (const pipeline of this.pipelinesOf(session.station.id))
			if (pipeline.listeningGuilds.has(guildId)) this.releasePipeline(pipeline, guildId);
		this.options.log.info({ guildId, station: session.station.id, reason }, 'session ended');
		this.emit('sessionEnded', session, reason);
	}

	private pipelinesOf(stationId: string): StationPipeline[] {
		return [...this.pipelines.values()].filter((pipeline) => pipeline.stationId === stationId);
	}

	/** The pipeline a guild plays `stationId` at `volume` from: shared by every guild unless sharePipelines is false. */
	private keyOf(stationId: string, volume: number, guildId: string): string {
		return pipelineKey(stationId, volume, this.options.sharePipelines === false ? guildId : undefined);
	}

	private acquirePipeline(station: Station, volume: number, guildId: string): StationPipeline {
		const key = this.keyOf(station.id, volume, guildId);
		const grace = this.graceTimers.get(key);
		if (grace) {
			clearTimeout(grace);
			this.graceTimers.delete(key);
		}
		let pipeline = this.pipelines.get(key);
		if (!pipeline) {
			pipeline = new StationPipeline(key, station.id, volume, {
				...this.options.pipeline,
				resolveInput: (fresh) => this.options.resolveInput(station, fresh),
				log: this.options.log
			});
			pipeline.on('dead', (reason) => this.onPipelineDead(key, reason));
			pipeline.on('title', (title) => this.onTitle(key, title));
			this.pipelines.set(key, pipeline);
			pipeline.start();
		}
		return pipeline;
	}

	private releasePipeline(pipeline: StationPipeline, guildId: string): void {
		pipeline.listeningGuilds.delete(guildId);
		if (pipeline.listeningGuilds.size > 0 || this.graceTimers.has(pipeline.key)) return;
		const timer = setTimeout(() => {
			this.graceTimers.delete(pipeline.key);
			if (pipeline.listeningGuilds.size > 0 || this.pipelines.get(pipeline.key) !== pipeline) return;
			this.pipelines.delete(pipeline.key);
			void pipeline.stop();
		}, this.options.pipelineGraceMs);
		this.graceTimers.set(pipeline.key, timer);
	}

	private onTitle(key: string, title: NowPlayingTitle): void {
		const sessions = this.sessionsOf(key);
		for (const session of sessions) this.titleHistory.record(session.guildId, session.station.id, title.title, title.since);
		// Debug, not info: a station decides how often its title changes, and must not decide how much we log.
		this.options.log.debug({ pipeline: key, title: title.title, listeners: sessions.length }, 'now playing');
		this.emit('titleChanged', sessions, title);
	}

	private sessionsOf(key: string): GuildSession[] {
		const pipeline = this.pipelines.get(key);
		return pipeline ? [...pipeline.listeningGuilds].map((guildId) => this.sessions.get(guildId)).filter((session) => session !== undefined) : [];
	}

	private onPipelineDead(key: string, reason: string): void {
		const pipeline = this.pipelines.get(key);
		if (!pipeline) return;
		const affected = this.sessionsOf(key);
		// The pipeline has already stopped itself; forget it, then end its sessions.
		this.pipelines.delete(key);
		for (const session of affected) this.stop(session.guildId, 'stationDead');
		this.emit('stationDead', affected, reason);
	}
}
