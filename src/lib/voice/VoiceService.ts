import type { VoiceBasedChannel } from 'discord.js';
import { EventEmitter } from 'node:events';
import type { Station } from '#lib/config/types';
import type { HttpResponse } from '#lib/net/httpGet';
import { UnchangedVolume } from '#lib/playback/volume';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { TitleHistory, type TitleHistoryEntry } from '#lib/stations/nowPlaying/TitleHistory';
import type { Admission } from '#lib/voice/PipelineBudget';
import { PipelinePool, type PipelinePoolOptions } from '#lib/voice/PipelinePool';
import type { StationPipeline } from '#lib/voice/StationPipeline';
import { StationSwitches } from '#lib/voice/StationSwitches';
import {
	VoiceConnections,
	VoiceJoinError,
	type JoinQueuedListener,
	type SessionEndReason,
	type VoiceConnectionsOptions
} from '#lib/voice/VoiceConnections';

/** The pipelines' settings and caps, and the voice connections' join timeout and rejoin budget. */
export interface VoiceServiceOptions extends PipelinePoolOptions, VoiceConnectionsOptions {
	/**
	 * Where the listeners of a station that stays down go instead of leaving voice: a healthy fallback of `original` (the
	 * station the session stands in for, else its own), or null. Without it they leave (stationDead).
	 */
	failover?(session: GuildSession, original: Station): Promise<Station | null>;
}

/** How a play starts: see VoiceService#play. */
export interface PlayOptions {
	startedAt?: Date | undefined;
	stream?: HttpResponse | undefined;
	onQueued?: JoinQueuedListener | undefined;
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
	/** Set after a failover: the station `station` stands in for, switched back to once it recovers. */
	failoverFrom?: Station;
}

interface VoiceServiceEvents {
	/** A station's stream stayed dead; its listeners were disconnected and should be told. */
	stationDead: [sessions: GuildSession[], reason: string];
	/** A session started, or its station, volume or channel changed: what a restart should resume. */
	sessionChanged: [session: GuildSession];
	sessionEnded: [session: GuildSession, reason: SessionEndReason];
	/** A station announced a new song; `sessions` are the guilds listening to it. */
	titleChanged: [sessions: GuildSession[], title: NowPlayingTitle];
	/** `from` stayed dead: the session moved to a fallback (`session.station`) without leaving voice, and should be told. */
	failedOver: [session: GuildSession, from: Station];
}

/** The pipeline at the new volume did not start playing in time; the guild keeps its current volume. */
export class VolumeChangeError extends Error {
	public override readonly name = 'VolumeChangeError';
}

/**
 * What plays where: one session per guild (its channel, station and volume), on a voice connection (VoiceConnections)
 * subscribed to the shared pipeline of its station and volume step (PipelinePool), and the songs each guild heard.
 */
export class VoiceService extends EventEmitter<VoiceServiceEvents> {
	private readonly sessions = new Map<string, GuildSession>();
	private readonly titleHistory = new TitleHistory({ perGuild: 20 });
	private readonly pool: PipelinePool;
	private readonly connections: VoiceConnections;
	private readonly switches: StationSwitches;
	private shuttingDown = false;

	public constructor(private readonly options: VoiceServiceOptions) {
		super();
		this.pool = new PipelinePool(options);
		this.pool.on('title', (pipeline, title) => this.onTitle(pipeline, title));
		this.pool.on('dead', (pipeline, reason) => this.onPipelineDead(pipeline, reason));
		this.connections = new VoiceConnections(options);
		this.connections.on('ended', (guildId, reason) => this.endSession(guildId, reason));
		this.switches = new StationSwitches({
			sessions: this.sessions,
			pool: this.pool,
			connections: this.connections,
			titleHistory: this.titleHistory,
			log: options.log,
			failover: options.failover && ((session, original) => options.failover!(session, original)),
			stop: (guildId, reason) => this.stop(guildId, reason),
			changed: (session) => this.emit('sessionChanged', session),
			failedOver: (session, from) => this.emit('failedOver', session, from),
			stationDead: (sessions, reason) => this.emit('stationDead', sessions, reason)
		});
	}

	/** False once shutdown began: it takes no more sessions. */
	public get running(): boolean {
		return !this.shuttingDown;
	}

	/** ffmpeg restarts since the start of the process, ended pipelines included. */
	public get ffmpegRestarts(): number {
		return this.pool.ffmpegRestarts;
	}

	/** Whether `station` may play at `volume` now as far as the pipeline caps go; play and setVolume check the same. */
	public admission(station: Station, volume: number): Admission {
		return this.pool.admission(station, volume);
	}

	public get activeSessions(): readonly GuildSession[] {
		return [...this.sessions.values()];
	}

	public get activePipelines(): readonly StationPipeline[] {
		return this.pool.all;
	}

	public sessionFor(guildId: string): GuildSession | null {
		return this.sessions.get(guildId) ?? null;
	}

	/** True while a pipeline for this station runs (at any volume): it is known to play, so no preflight is needed. */
	public isPlaying(station: Station): boolean {
		return this.pool.ofStation(station.id).some((pipeline) => !pipeline.isStopped);
	}

	/** The station's current song, from whichever of its pipelines knows it (a pipeline just started at a new volume may not yet). */
	public nowPlaying(station: Station): NowPlayingTitle | null {
		const titles = this.pool
			.ofStation(station.id)
			.map((pipeline) => pipeline.nowPlaying.current)
			.filter((title) => title !== null);
		return titles.sort((a, b) => b.since.getTime() - a.since.getTime())[0] ?? null;
	}

	/** Whether the guild's station sounds within `timeoutMs` (its pipeline plays); false without a session. */
	public async whenAudible(guildId: string, timeoutMs: number): Promise<boolean> {
		const session = this.sessions.get(guildId);
		const pipeline = session && this.pool.get(session.station.id, session.volume, guildId);
		return pipeline ? pipeline.whenAudible(timeoutMs) : false;
	}

	/** The last song titles heard in this guild, newest first. */
	public history(guildId: string): readonly TitleHistoryEntry[] {
		return this.titleHistory.list(guildId);
	}

	/**
	 * Joins (or moves to) `channel` and plays `station` there at `volume` percent (a volume step; by default the guild's
	 * current volume, or unchanged for a new session), sharing the pipeline of that station and step. `startedAt` keeps
	 * the original start time of a session resumed after a restart. `stream` is the station's connection as the preflight
	 * opened it: a new pipeline plays from it (see PipelinePool#acquire). `onQueued` hears it while the join waits for
	 * Discord's gateway rate limit. On a stage the BecomeStageSpeaker listener asks to be heard.
	 */
	public async play(
		channel: VoiceBasedChannel,
		station: Station,
		textChannelId: string | null,
		volume?: number,
		{ startedAt, stream, onQueued }: PlayOptions = {}
	): Promise<GuildSession> {
		if (this.shuttingDown) {
			stream?.close();
			throw new VoiceJoinError('shutting down');
		}
		const guildId = channel.guild.id;
		this.connections.claim(guildId);
		const level = volume ?? this.sessions.get(guildId)?.volume ?? UnchangedVolume;
		const pipeline = this.pool.acquire(station, level, guildId, stream);

		let connection;
		try {
			connection = await this.connections.connect(channel, onQueued);
		} catch (error) {
			this.pool.release(pipeline, guildId);
			throw error;
		}

		const previous = this.sessions.get(guildId);
		if (previous && this.pool.keyOf(previous.station.id, previous.volume, guildId) !== pipeline.key) {
			const old = this.pool.get(previous.station.id, previous.volume, guildId);
			if (old) this.pool.release(old, guildId);
		}
		connection.subscribe(pipeline.player);
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
	 * Joins `channel` ahead of play (e.g. while the station's stream is being checked); play then finds the connection
	 * ready. See VoiceConnections#joinAhead: `undo` does nothing once the guild has a session.
	 */
	public join(channel: VoiceBasedChannel, onQueued?: JoinQueuedListener): { joined: Promise<void>; undo: () => void } {
		if (this.shuttingDown) return { joined: Promise.reject(new VoiceJoinError('shutting down')), undo: () => undefined };
		return this.connections.joinAhead(channel, onQueued, () => this.sessions.has(channel.guild.id));
	}

	/**
	 * Moves the guild to the pipeline of its station at `volume` percent (a volume step). Seamless: the new pipeline must
	 * play before the connection switches to it; the old one is released (and ends after the grace time if nobody else
	 * listens). Returns the updated session, or null when nothing plays in the guild; throws VolumeChangeError (and keeps
	 * the current volume) if the new pipeline does not play within `timeoutMs`.
	 */
	public async setVolume(guildId: string, volume: number, timeoutMs = 15_000): Promise<GuildSession | null> {
		const session = this.sessions.get(guildId);
		const connection = this.connections.of(guildId);
		if (!session || !connection) return null;
		if (session.volume === volume) return session;

		const next = this.pool.acquire(session.station, volume, guildId);
		const audible = await next.whenAudible(timeoutMs);
		const current = this.sessions.get(guildId);
		// The session stopped or changed while we waited: its newer state wins.
		if (current !== session || !this.connections.of(guildId)) {
			this.switches.releaseUnlessCurrent(next, guildId);
			return current ?? null;
		}
		if (!audible) {
			this.pool.release(next, guildId);
			throw new VolumeChangeError(`the pipeline at ${volume}% did not play within ${timeoutMs} ms`);
		}

		connection.subscribe(next.player);
		const old = this.pool.get(session.station.id, session.volume, guildId);
		if (old && old !== next) this.pool.release(old, guildId);
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

	/** Discord took the bot out of `channelId` (disconnected by a moderator, the channel deleted): the session there ends. */
	public removedFromChannel(guildId: string, channelId: string): void {
		if (this.sessions.get(guildId)?.channelId !== channelId) return;
		this.options.log.info({ guildId, channelId }, 'removed from the voice channel');
		this.stop(guildId, 'kicked');
	}

	/** After a failover: back to the station the session stands in for, seamlessly; see StationSwitches#switchBack. */
	public switchBack(guildId: string, timeoutMs = 15_000): Promise<GuildSession | null> {
		return this.switches.switchBack(guildId, timeoutMs);
	}

	/** A session resumed after a restart stood in for `original` (a failover before it): remember it, to switch back later. */
	public standIn(guildId: string, original: Station): void {
		this.switches.standIn(guildId, original);
	}

	/** Leaves voice in `guildId`; returns the session that ended, if any. */
	public stop(guildId: string, reason: SessionEndReason = 'stopped'): GuildSession | null {
		const session = this.sessions.get(guildId) ?? null;
		this.connections.destroy(guildId, reason);
		this.endSession(guildId, reason);
		return session;
	}

	/** A station that no longer exists (a removed custom station): its listeners stop and its ffmpeg ends now, not after the grace period. */
	public retireStation(stationId: string): void {
		for (const pipeline of this.pool.ofStation(stationId)) {
			for (const guildId of [...pipeline.listeningGuilds]) this.stop(guildId);
			this.pool.end(pipeline);
		}
		this.switches.forgetOriginal(stationId);
	}

	/** config.yaml changed a station that keeps its id (`restream`: its URL or format); see StationSwitches#replaceStation. */
	public replaceStation(station: Station, restream: boolean): void {
		this.switches.replaceStation(station, restream);
	}

	/** Leaves every channel and ends every ffmpeg; used on SIGTERM/SIGINT. */
	public async shutdown(): Promise<void> {
		this.shuttingDown = true;
		for (const guildId of [...this.sessions.keys()]) this.stop(guildId, 'shutdown');
		await this.pool.shutdown();
	}

	private endSession(guildId: string, reason: SessionEndReason): void {
		const session = this.sessions.get(guildId);
		if (!session) return;
		this.sessions.delete(guildId);
		// A volume change in flight may hold the guild in a second pipeline: release it from every one.
		for (const pipeline of this.pool.ofStation(session.station.id))
			if (pipeline.listeningGuilds.has(guildId)) this.pool.release(pipeline, guildId);
		this.options.log.info({ guildId, station: session.station.id, reason }, 'session ended');
		this.emit('sessionEnded', session, reason);
	}

	/** The sessions that hear `pipeline`: a guild still waiting for it (a volume change, a switch back) hears another. */
	private sessionsOf(pipeline: StationPipeline): GuildSession[] {
		return [...pipeline.listeningGuilds]
			.map((guildId) => this.sessions.get(guildId))
			.filter(
				(session): session is GuildSession =>
					session !== undefined && this.pool.keyOf(session.station.id, session.volume, session.guildId) === pipeline.key
			);
	}

	private onTitle(pipeline: StationPipeline, title: NowPlayingTitle): void {
		const sessions = this.sessionsOf(pipeline);
		for (const session of sessions) this.titleHistory.record(session.guildId, session.station.id, title.title, title.since);
		// Debug, not info: a station decides how often its title changes, and must not decide how much we log.
		this.options.log.debug({ pipeline: pipeline.key, title: title.title, listeners: sessions.length }, 'now playing');
		this.emit('titleChanged', sessions, title);
	}

	private onPipelineDead(pipeline: StationPipeline, reason: string): void {
		void this.switches.failOver(this.sessionsOf(pipeline), reason);
	}
}
