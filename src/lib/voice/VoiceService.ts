import type { VoiceBasedChannel } from 'discord.js';
import { EventEmitter } from 'node:events';
import type { Station } from '#lib/config/types';
import { UnchangedVolume } from '#lib/playback/volume';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { TitleHistory, type TitleHistoryEntry } from '#lib/stations/nowPlaying/TitleHistory';
import { PipelineLimitError, type Admission } from '#lib/voice/PipelineBudget';
import { PipelinePool, pipelineKey, type PipelinePoolOptions } from '#lib/voice/PipelinePool';
import type { StationPipeline } from '#lib/voice/StationPipeline';
import { VoiceConnections, VoiceJoinError, type SessionEndReason, type VoiceConnectionsOptions } from '#lib/voice/VoiceConnections';

/** The pipelines' settings and caps, and the voice connections' join timeout and rejoin budget. */
export interface VoiceServiceOptions extends PipelinePoolOptions, VoiceConnectionsOptions {
	/**
	 * Where the listeners of a station that stays down go instead of leaving voice: a healthy fallback of `original` (the
	 * station the session stands in for, else its own), or null. Without it they leave (stationDead).
	 */
	failover?(session: GuildSession, original: Station): Promise<Station | null>;
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
	private shuttingDown = false;

	public constructor(private readonly options: VoiceServiceOptions) {
		super();
		this.pool = new PipelinePool(options);
		this.pool.on('title', (pipeline, title) => this.onTitle(pipeline, title));
		this.pool.on('dead', (pipeline, reason) => this.onPipelineDead(pipeline, reason));
		this.connections = new VoiceConnections(options);
		this.connections.on('ended', (guildId, reason) => this.endSession(guildId, reason));
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

	/** The last song titles heard in this guild, newest first. */
	public history(guildId: string): readonly TitleHistoryEntry[] {
		return this.titleHistory.list(guildId);
	}

	/**
	 * Joins (or moves to) `channel` and plays `station` there at `volume` percent (a volume step; by default the guild's
	 * current volume, or unchanged for a new session), sharing the pipeline of that station and step. `startedAt` keeps
	 * the original start time of a session resumed after a restart. On a stage the BecomeStageSpeaker listener asks to be heard.
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
		const pipeline = this.pool.acquire(station, level, guildId);

		let connection;
		try {
			connection = await this.connections.connect(channel);
		} catch (error) {
			this.pool.release(pipeline, guildId);
			throw error;
		}

		const previous = this.sessions.get(guildId);
		if (previous && pipelineKey(previous.station.id, previous.volume) !== pipeline.key) {
			const old = this.pool.get(previous.station.id, previous.volume);
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
			this.releaseUnlessCurrent(next, guildId);
			return current ?? null;
		}
		if (!audible) {
			this.pool.release(next, guildId);
			throw new VolumeChangeError(`the pipeline at ${volume}% did not play within ${timeoutMs} ms`);
		}

		connection.subscribe(next.player);
		const old = this.pool.get(session.station.id, session.volume);
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

	/**
	 * After a failover: moves the guild back to the station its session stands in for, on the same voice connection.
	 * Seamless: the original's pipeline must play within `timeoutMs` before the connection switches. Returns the updated
	 * session, or null when there is nothing to switch back to, the session changed meanwhile, or the original did not play.
	 */
	public async switchBack(guildId: string, timeoutMs = 15_000): Promise<GuildSession | null> {
		const session = this.sessions.get(guildId);
		const original = session?.failoverFrom;
		if (!session || !original || !this.connections.of(guildId)) return null;
		const next = this.pool.acquire(original, session.volume, guildId);
		const audible = await next.whenAudible(timeoutMs);
		if (this.sessions.get(guildId) !== session || !audible) {
			this.releaseUnlessCurrent(next, guildId);
			return null;
		}
		return this.resubscribe(session, next, original, undefined);
	}

	/** A session resumed after a restart stood in for `original` (a failover before it): remember it, to switch back later. */
	public standIn(guildId: string, original: Station): void {
		const session = this.sessions.get(guildId);
		if (!session || session.station.id === original.id) return;
		const updated: GuildSession = { ...session, failoverFrom: original };
		this.sessions.set(guildId, updated);
		this.emit('sessionChanged', updated);
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
		// Sessions standing in for it after a failover stay where they are: there is nothing to switch back to.
		for (const { failoverFrom: _gone, ...rest } of [...this.sessions.values()].filter((session) => session.failoverFrom?.id === stationId)) {
			this.sessions.set(rest.guildId, rest);
			this.emit('sessionChanged', rest);
		}
	}

	/**
	 * config.yaml changed a station that keeps its id. Its sessions show the new name and logo at once, and fail over to
	 * its new fallbacks; sessions standing in for it switch back to the new version. When its stream (URL or format)
	 * changed (`restream`), its old pipelines end and each listener moves to a new one at its volume step.
	 */
	public replaceStation(station: Station, restream: boolean): void {
		for (const pipeline of restream ? this.pool.ofStation(station.id) : []) this.pool.end(pipeline);
		for (const session of [...this.sessions.values()]) {
			const plays = session.station.id === station.id;
			if (!plays && session.failoverFrom?.id !== station.id) continue;
			const updated: GuildSession = plays ? { ...session, station } : { ...session, failoverFrom: station };
			this.sessions.set(session.guildId, updated);
			if (restream && plays)
				this.connections.of(session.guildId)?.subscribe(this.pool.acquire(station, session.volume, session.guildId).player);
			this.emit('sessionChanged', updated);
		}
		if (restream) this.options.log.info({ station: station.id, url: station.url }, 'station stream changed: listeners moved to the new stream');
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

	/** A pipeline acquired for a change that did not happen: released, unless the guild's session plays it by now. */
	private releaseUnlessCurrent(pipeline: StationPipeline, guildId: string): void {
		const current = this.sessions.get(guildId);
		if (!current || pipelineKey(current.station.id, current.volume) !== pipeline.key) this.pool.release(pipeline, guildId);
	}

	/** The sessions that hear `pipeline`: a guild still waiting for it (a volume change, a switch back) hears another. */
	private sessionsOf(pipeline: StationPipeline): GuildSession[] {
		return [...pipeline.listeningGuilds]
			.map((guildId) => this.sessions.get(guildId))
			.filter((session): session is GuildSession => session !== undefined && pipelineKey(session.station.id, session.volume) === pipeline.key);
	}

	private onTitle(pipeline: StationPipeline, title: NowPlayingTitle): void {
		const sessions = this.sessionsOf(pipeline);
		for (const session of sessions) this.titleHistory.record(session.guildId, session.station.id, title.title, title.since);
		// Debug, not info: a station decides how often its title changes, and must not decide how much we log.
		this.options.log.debug({ pipeline: pipeline.key, title: title.title, listeners: sessions.length }, 'now playing');
		this.emit('titleChanged', sessions, title);
	}

	private onPipelineDead(pipeline: StationPipeline, reason: string): void {
		void this.failOver(this.sessionsOf(pipeline), reason);
	}

	/** Each listener of a dead station moves to a fallback without leaving voice, or leaves; those who left are told (stationDead). */
	private async failOver(affected: GuildSession[], reason: string): Promise<void> {
		const left: GuildSession[] = [];
		await Promise.all(
			affected.map(async (session) => {
				const original = session.failoverFrom ?? session.station;
				const fallback = await this.fallbackFor(session, original);
				// Stopped, or another station started, while we looked: that wins.
				if (this.sessions.get(session.guildId) !== session) return;
				const moved = fallback ? this.moveTo(session, fallback, fallback.id === original.id ? undefined : original) : null;
				if (moved) {
					this.options.log.info(
						{ guildId: session.guildId, from: session.station.id, to: fallback!.id, reason },
						'station down: failed over'
					);
					this.emit('failedOver', moved, session.station);
					return;
				}
				this.stop(session.guildId, 'stationDead');
				left.push(session);
			})
		);
		if (left.length > 0) this.emit('stationDead', left, reason);
	}

	private async fallbackFor(session: GuildSession, original: Station): Promise<Station | null> {
		try {
			return (await this.options.failover?.(session, original)) ?? null;
		} catch (error) {
			this.options.log.error({ err: error, guildId: session.guildId, station: original.id }, 'failover failed: leaving');
			return null;
		}
	}

	/** Subscribes the session's connection to `station` now (its own pipeline is dead: nothing to wait for); null if it cannot. */
	private moveTo(session: GuildSession, station: Station, failoverFrom: Station | undefined): GuildSession | null {
		if (!this.connections.of(session.guildId)) return null;
		let next: StationPipeline;
		try {
			next = this.pool.acquire(station, session.volume, session.guildId);
		} catch (error) {
			if (!(error instanceof PipelineLimitError)) throw error;
			this.options.log.warn({ guildId: session.guildId, station: station.id, limit: error.limit }, 'failover refused: pipeline limit');
			return null;
		}
		return this.resubscribe(session, next, station, failoverFrom);
	}

	/** The session's connection plays `next` (of `station`) from now on; its previous pipelines are released. */
	private resubscribe(session: GuildSession, next: StationPipeline, station: Station, failoverFrom: Station | undefined): GuildSession | null {
		const { guildId } = session;
		const connection = this.connections.of(guildId);
		if (!connection) {
			this.pool.release(next, guildId);
			return null;
		}
		connection.subscribe(next.player);
		for (const old of this.pool.ofStation(session.station.id))
			if (old !== next && old.listeningGuilds.has(guildId)) this.pool.release(old, guildId);
		const { failoverFrom: _previous, ...rest } = session;
		const updated: GuildSession = { ...rest, station, since: new Date(), ...(failoverFrom && { failoverFrom }) };
		this.sessions.set(guildId, updated);
		const { current } = next.nowPlaying;
		if (current) this.titleHistory.record(guildId, station.id, current.title, current.since);
		this.emit('sessionChanged', updated);
		return updated;
	}
}
