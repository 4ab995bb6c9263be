import type { Station } from '#lib/config/types';
import type { Log } from '#lib/logger/logger';
import type { TitleHistory } from '#lib/stations/nowPlaying/TitleHistory';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import type { PipelinePool } from '#lib/voice/PipelinePool';
import type { StationPipeline } from '#lib/voice/StationPipeline';
import type { SessionEndReason, VoiceConnections } from '#lib/voice/VoiceConnections';
import type { GuildSession, VoiceServiceOptions } from '#lib/voice/VoiceService';

/** What of VoiceService a switch works on: its sessions, pool and connections, and how it tells of a change. */
export interface SwitchHost {
	readonly sessions: Map<string, GuildSession>;
	readonly pool: PipelinePool;
	readonly connections: VoiceConnections;
	readonly titleHistory: TitleHistory;
	readonly log: Log;
	readonly failover: VoiceServiceOptions['failover'];
	stop(guildId: string, reason: SessionEndReason): void;
	changed(session: GuildSession): void;
	failedOver(session: GuildSession, from: Station): void;
	stationDead(sessions: GuildSession[], reason: string): void;
}

/**
 * A session moving to another station without leaving voice: to a fallback when its station stays down (failover),
 * back to the original once it recovers, and the bookkeeping of which station a session stands in for.
 */
export class StationSwitches {
	public constructor(private readonly host: SwitchHost) {}

	/**
	 * After a failover: moves the guild back to the station its session stands in for, on the same voice connection.
	 * Seamless: the original's pipeline must play within `timeoutMs` before the connection switches. Returns the updated
	 * session, or null when there is nothing to switch back to, the session changed meanwhile, or the original did not play.
	 */
	public async switchBack(guildId: string, timeoutMs = 15_000): Promise<GuildSession | null> {
		const session = this.host.sessions.get(guildId);
		const original = session?.failoverFrom;
		if (!session || !original || !this.host.connections.of(guildId)) return null;
		const next = this.host.pool.acquire(original, session.volume, guildId);
		const audible = await next.whenAudible(timeoutMs);
		if (this.host.sessions.get(guildId) !== session || !audible) {
			this.releaseUnlessCurrent(next, guildId);
			return null;
		}
		return this.resubscribe(session, next, original, undefined);
	}

	/** A session resumed after a restart stood in for `original` (a failover before it): remember it, to switch back later. */
	public standIn(guildId: string, original: Station): void {
		const session = this.host.sessions.get(guildId);
		if (!session || session.station.id === original.id) return;
		const updated: GuildSession = { ...session, failoverFrom: original };
		this.host.sessions.set(guildId, updated);
		this.host.changed(updated);
	}

	/** The station sessions stand in for is gone (config.yaml): they stay where they are, with nothing to switch back to. */
	public forgetOriginal(stationId: string): void {
		for (const { failoverFrom: _gone, ...rest } of [...this.host.sessions.values()].filter((session) => session.failoverFrom?.id === stationId)) {
			this.host.sessions.set(rest.guildId, rest);
			this.host.changed(rest);
		}
	}

	/**
	 * config.yaml changed a station that keeps its id. Its sessions show the new name and logo at once, and fail over to
	 * its new fallbacks; sessions standing in for it switch back to the new version. When its stream (URL or format)
	 * changed (`restream`), its old pipelines end and each listener moves to a new one at its volume step.
	 */
	public replaceStation(station: Station, restream: boolean): void {
		const { sessions, pool, connections } = this.host;
		for (const pipeline of restream ? pool.ofStation(station.id) : []) pool.end(pipeline);
		for (const session of [...sessions.values()]) {
			const plays = session.station.id === station.id;
			if (!plays && session.failoverFrom?.id !== station.id) continue;
			const updated: GuildSession = plays ? { ...session, station } : { ...session, failoverFrom: station };
			sessions.set(session.guildId, updated);
			if (restream && plays) connections.of(session.guildId)?.subscribe(pool.acquire(station, session.volume, session.guildId).player);
			this.host.changed(updated);
		}
		if (restream) this.host.log.info({ station: station.id, url: station.url }, 'station stream changed: listeners moved to the new stream');
	}

	/** Each listener of a dead station moves to a fallback without leaving voice, or leaves; those who left are told (stationDead). */
	public async failOver(affected: GuildSession[], reason: string): Promise<void> {
		const left: GuildSession[] = [];
		await Promise.all(
			affected.map(async (session) => {
				const original = session.failoverFrom ?? session.station;
				const fallback = await this.fallbackFor(session, original);
				// Stopped, or another station started, while we looked: that wins.
				if (this.host.sessions.get(session.guildId) !== session) return;
				const moved = fallback ? this.moveTo(session, fallback, fallback.id === original.id ? undefined : original) : null;
				if (moved) {
					this.host.log.info({ guildId: session.guildId, from: session.station.id, to: fallback!.id, reason }, 'station down: failed over');
					this.host.failedOver(moved, session.station);
					return;
				}
				this.host.stop(session.guildId, 'stationDead');
				left.push(session);
			})
		);
		if (left.length > 0) this.host.stationDead(left, reason);
	}

	/** A pipeline acquired for a change that did not happen: released, unless the guild's session plays it by now. */
	public releaseUnlessCurrent(pipeline: StationPipeline, guildId: string): void {
		const current = this.host.sessions.get(guildId);
		if (!current || this.host.pool.keyOf(current.station.id, current.volume, guildId) !== pipeline.key) this.host.pool.release(pipeline, guildId);
	}

	private async fallbackFor(session: GuildSession, original: Station): Promise<Station | null> {
		try {
			return (await this.host.failover?.(session, original)) ?? null;
		} catch (error) {
			this.host.log.error({ err: error, guildId: session.guildId, station: original.id }, 'failover failed: leaving');
			return null;
		}
	}

	/** Subscribes the session's connection to `station` now (its own pipeline is dead: nothing to wait for); null if it cannot. */
	private moveTo(session: GuildSession, station: Station, failoverFrom: Station | undefined): GuildSession | null {
		if (!this.host.connections.of(session.guildId)) return null;
		let next: StationPipeline;
		try {
			next = this.host.pool.acquire(station, session.volume, session.guildId);
		} catch (error) {
			if (!(error instanceof PipelineLimitError)) throw error;
			this.host.log.warn({ guildId: session.guildId, station: station.id, limit: error.limit }, 'failover refused: pipeline limit');
			return null;
		}
		return this.resubscribe(session, next, station, failoverFrom);
	}

	/** The session's connection plays `next` (of `station`) from now on; its previous pipelines are released. */
	private resubscribe(session: GuildSession, next: StationPipeline, station: Station, failoverFrom: Station | undefined): GuildSession | null {
		const { guildId } = session;
		const connection = this.host.connections.of(guildId);
		if (!connection) {
			this.host.pool.release(next, guildId);
			return null;
		}
		connection.subscribe(next.player);
		for (const old of this.host.pool.ofStation(session.station.id))
			if (old !== next && old.listeningGuilds.has(guildId)) this.host.pool.release(old, guildId);
		const { failoverFrom: _previous, ...rest } = session;
		const updated: GuildSession = { ...rest, station, since: new Date(), ...(failoverFrom && { failoverFrom }) };
		this.host.sessions.set(guildId, updated);
		const { current } = next.nowPlaying;
		if (current) this.host.titleHistory.record(guildId, station.id, current.title, current.since);
		this.host.changed(updated);
		return updated;
	}
}
