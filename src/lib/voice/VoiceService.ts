import {
	entersState,
	getVoiceConnection,
	joinVoiceChannel,
	VoiceConnectionDisconnectReason,
	VoiceConnectionStatus,
	type VoiceConnection
} from '@discordjs/voice';
import type { VoiceBasedChannel } from 'discord.js';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Station } from '#lib/config/types';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import { TitleHistory, type TitleHistoryEntry } from '#lib/stations/nowPlaying/TitleHistory';
import { StationPipeline, type PipelineInput, type StationPipelineOptions } from './StationPipeline.js';

export interface VoiceServiceOptions {
	/** Settings every station pipeline shares. */
	pipeline: Omit<StationPipelineOptions, 'log' | 'resolveInput'>;
	/** Where a station's audio comes from right now (playlists resolved, cached). */
	resolveInput(station: Station, fresh: boolean): Promise<PipelineInput>;
	/** How long a pipeline without listeners lives on, so a quick re-play does not restart ffmpeg. */
	pipelineGraceMs: number;
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
	/** The text channel where play was issued, for notices. */
	textChannelId: string | null;
	since: Date;
}

interface VoiceServiceEvents {
	/** A station's stream stayed dead; its listeners were disconnected and should be told. */
	stationDead: [sessions: GuildSession[], reason: string];
	sessionEnded: [session: GuildSession];
	/** A station announced a new song; `sessions` are the guilds listening to it. */
	titleChanged: [sessions: GuildSession[], title: NowPlayingTitle];
}

export class VoiceJoinError extends Error {
	public override readonly name = 'VoiceJoinError';
}

/** Owns every voice connection and ffmpeg pipeline of the process. */
export class VoiceService extends EventEmitter<VoiceServiceEvents> {
	private readonly pipelines = new Map<string, StationPipeline>();
	private readonly sessions = new Map<string, GuildSession>();
	private readonly graceTimers = new Map<string, NodeJS.Timeout>();
	private readonly titleHistory = new TitleHistory({ perGuild: 20 });
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

	/** True while a pipeline for this station runs: it is known to play, so no preflight is needed. */
	public isPlaying(station: Station): boolean {
		const pipeline = this.pipelines.get(pipelineKey(station));
		return pipeline !== undefined && !pipeline.isStopped;
	}

	public nowPlaying(station: Station): NowPlayingTitle | null {
		return this.pipelines.get(pipelineKey(station))?.nowPlaying.current ?? null;
	}

	/** The last song titles heard in this guild, newest first. */
	public history(guildId: string): readonly TitleHistoryEntry[] {
		return this.titleHistory.list(guildId);
	}

	/** Joins (or moves to) `channel` and plays `station` there, sharing the station's pipeline. */
	public async play(channel: VoiceBasedChannel, station: Station, textChannelId: string | null): Promise<GuildSession> {
		if (this.shuttingDown) throw new VoiceJoinError('shutting down');
		const guildId = channel.guild.id;
		const pipeline = this.acquirePipeline(station);
		pipeline.listeningGuilds.add(guildId);

		let connection: VoiceConnection;
		try {
			connection = await this.connect(channel);
		} catch (error) {
			this.releasePipeline(pipeline, guildId);
			throw error;
		}

		const previous = this.sessions.get(guildId);
		if (previous && pipelineKey(previous.station) !== pipeline.key) {
			const old = this.pipelines.get(pipelineKey(previous.station));
			if (old) this.releasePipeline(old, guildId);
		}
		connection.subscribe(pipeline.player);
		const since = previous?.station.id === station.id ? previous.since : new Date();
		const session: GuildSession = { guildId, channelId: channel.id, station, textChannelId, since };
		this.sessions.set(guildId, session);
		const { current } = pipeline.nowPlaying;
		if (current) this.titleHistory.record(guildId, station.id, current.title, current.since);
		this.options.log.info({ guildId, channelId: channel.id, station: station.id, pipeline: pipeline.key }, 'playing');
		return session;
	}

	/** Leaves voice in `guildId`; returns the session that ended, if any. */
	public stop(guildId: string): GuildSession | null {
		const session = this.sessions.get(guildId) ?? null;
		getVoiceConnection(guildId)?.destroy();
		this.endSession(guildId);
		return session;
	}

	/** Leaves every channel and ends every ffmpeg; used on SIGTERM/SIGINT. */
	public async shutdown(): Promise<void> {
		this.shuttingDown = true;
		for (const guildId of [...this.sessions.keys()]) this.stop(guildId);
		for (const timer of this.graceTimers.values()) clearTimeout(timer);
		this.graceTimers.clear();
		await Promise.all([...this.pipelines.values()].map((pipeline) => pipeline.stop()));
		this.pipelines.clear();
	}

	private async connect(channel: VoiceBasedChannel): Promise<VoiceConnection> {
		const existing = getVoiceConnection(channel.guild.id);
		const connection = joinVoiceChannel({
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
			connection.destroy();
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
					if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
				}
				return;
			}
			if (connection.rejoinAttempts >= this.options.maxRejoinAttempts) {
				this.options.log.warn({ guildId, attempts: connection.rejoinAttempts }, 'voice rejoin budget spent: leaving');
				if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
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
				if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
			});
		});
		connection.on(VoiceConnectionStatus.Destroyed, () => this.endSession(guildId));
		connection.on('error', (error) => this.options.log.warn({ err: error, guildId }, 'voice connection error'));
	}

	private endSession(guildId: string): void {
		const session = this.sessions.get(guildId);
		if (!session) return;
		this.sessions.delete(guildId);
		const pipeline = this.pipelines.get(pipelineKey(session.station));
		if (pipeline) this.releasePipeline(pipeline, guildId);
		this.options.log.info({ guildId, station: session.station.id }, 'session ended');
		this.emit('sessionEnded', session);
	}

	private acquirePipeline(station: Station): StationPipeline {
		const key = pipelineKey(station);
		const grace = this.graceTimers.get(key);
		if (grace) {
			clearTimeout(grace);
			this.graceTimers.delete(key);
		}
		let pipeline = this.pipelines.get(key);
		if (!pipeline) {
			pipeline = new StationPipeline(key, station.id, {
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
		this.options.log.info({ pipeline: key, title: title.title, listeners: sessions.length }, 'now playing');
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
		for (const session of affected) this.stop(session.guildId);
		this.emit('stationDead', affected, reason);
	}
}

/** Pipelines are shared per station; later per-server volume joins the key (station + volume step). */
export function pipelineKey(station: Station): string {
	return `${station.id}@100`;
}
