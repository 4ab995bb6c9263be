import type { Guild } from 'discord.js';
import type { Log } from '#lib/logger/logger';
import type { Station } from '#lib/config/types';
import { botJoinProblem } from '#lib/discord/botJoinProblem';
import type { CardRef, GuildSettings, SettingsStore } from '#lib/settings/types';
import { backoffDelay, type BackoffPolicy } from '#lib/timing/backoff';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import { type GuildSession, type VoiceService } from '#lib/voice/VoiceService';
import { VoiceJoinError, type SessionEndReason } from '#lib/voice/VoiceConnections';
import { quantizeVolume } from '#lib/playback/volume';
import { planResume, type JoinTarget } from '#lib/sessions/planResume';
import type { SessionRecorder } from '#lib/sessions/SessionRecorder';

export interface SessionRestorerOptions {
	voice: VoiceService;
	store(): SettingsStore;
	recorder: SessionRecorder;
	/** A guild this client serves, from the cache. */
	guild(guildId: string): Guild | undefined;
	guildIds(): string[];
	/** The shard that serves a guild: each shard spaces its own rejoins within its own gateway budget. */
	shardOf?(guildId: string): number;
	findStation(guildId: string, stationId: string): Promise<Station | null>;
	/** Runs after each successful join (e.g. start the idle countdown in an empty channel). */
	afterJoin?(guild: Guild, session: GuildSession): Promise<void>;
	/** A saved session is about to resume: its now-playing card is edited again rather than posted anew (null: forget it). */
	restoreCard?(guildId: string, card: CardRef | null): void;
	/** A shard's rejoins of one minute start within this window after ready. */
	windowMs: number;
	maxSpacingMs: number;
	/** Rejoins one shard starts per minute (each is a gateway command). */
	joinsPerShardMinute?: number;
	/** Waits between auto-join attempts after a disconnect; `maxAttempts` bounds the retries of a saved session only. */
	retry: BackoffPolicy;
	/** A 24/7 session that lasted this long resets the auto-join backoff. */
	healthyAfterMs: number;
	log: Log;
}

/** Ends that were somebody's decision: no auto-join follows them (a /radio stop in a 24/7 server lasts until the next start). */
const FinalEnds: readonly SessionEndReason[] = ['stopped', 'shutdown', 'guildDeleted'];

/** Whether the settings keep the bot in a channel around the clock. */
export function isAutoJoin(settings: GuildSettings): boolean {
	return settings.autoJoin && settings.voiceChannelId !== null && settings.defaultStationId !== null;
}

/**
 * Puts the radio back where it was after a restart (saved sessions, even after SIGKILL) and keeps 24/7 servers in
 * their channel: it joins at startup and again, with growing waits, after any disconnect, kick, idle or dead station.
 */
export class SessionRestorer {
	private readonly retries = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();
	private readonly attempts = new Map<string, number>();
	private readonly joinedAt = new Map<string, number>();
	/** Planned rejoins not started yet. */
	private readonly pending = new Set<NodeJS.Timeout>();
	/** Set by stop(): a shutdown must not drop a saved session because its rejoin could not finish. */
	private stopped = false;

	public constructor(private readonly options: SessionRestorerOptions) {}

	/** After ready: plans and starts every join (staggered within the window); resolves once all are scheduled. */
	public async resumeAll(): Promise<void> {
		const { log } = this.options;
		let saved: Awaited<ReturnType<SettingsStore['listSessions']>> = [];
		try {
			saved = await this.options.store().listSessions((error) => log.error({ err: error }, 'a saved session could not be read: skipped'));
		} catch (error) {
			log.error({ err: error }, 'saved sessions could not be read: nothing to resume');
		}
		const withSession = new Set(saved.map((record) => record.guildId));
		const autoJoin = new Map<string, GuildSettings>();
		await Promise.all(
			this.options
				.guildIds()
				.filter((guildId) => !withSession.has(guildId))
				.map(async (guildId) => {
					const settings = await this.settingsOf(guildId);
					if (settings && isAutoJoin(settings)) autoJoin.set(guildId, settings);
				})
		);
		const plan = planResume({
			saved,
			autoJoin,
			hasGuild: (guildId) => this.options.guild(guildId) !== undefined,
			shardOf: this.options.shardOf && ((guildId) => this.options.shardOf!(guildId)),
			joinsPerShardMinute: this.options.joinsPerShardMinute,
			windowMs: this.options.windowMs,
			maxSpacingMs: this.options.maxSpacingMs
		});
		log.info(
			{
				resume: plan.joins.filter((join) => join.source === 'saved').length,
				autoJoin: plan.joins.filter((join) => join.source === 'autoJoin').length,
				otherInstances: plan.foreign.length
			},
			'resuming voice sessions'
		);
		for (const join of plan.joins) this.later(join.delayMs, () => this.safeAttempt(join, 1));
	}

	/**
	 * Shutdown: no rejoin starts any more, and none is given up. A saved session whose rejoin was pending or failing
	 * keeps its record, so the next start resumes it (instead of the shutdown deleting it as "could not rejoin").
	 */
	public stop(): void {
		this.stopped = true;
		for (const timer of this.pending) clearTimeout(timer);
		this.pending.clear();
		this.cancel();
	}

	/** A session ended: a 24/7 server rejoins its channel after a backoff, unless somebody ended it on purpose. */
	public async afterSessionEnded(session: GuildSession, reason: SessionEndReason): Promise<void> {
		if (this.stopped) return;
		const { guildId } = session;
		const joinedAt = this.joinedAt.get(guildId);
		this.joinedAt.delete(guildId);
		if (joinedAt !== undefined && Date.now() - joinedAt >= this.options.healthyAfterMs) this.attempts.delete(guildId);
		if (FinalEnds.includes(reason)) return;
		const settings = await this.settingsOf(guildId);
		if (settings && isAutoJoin(settings)) this.scheduleAutoJoin(guildId, reason);
	}

	/** Settings were saved: a server that is now 24/7 and silent joins right away, not only at the next start. */
	public async settingsChanged(guildId: string): Promise<void> {
		if (this.options.voice.sessionFor(guildId)) return;
		const settings = await this.settingsOf(guildId);
		if (!settings || !isAutoJoin(settings)) return;
		this.cancel(guildId);
		this.attempts.delete(guildId);
		await this.safeAttempt(autoJoinTarget(guildId, settings), 1);
	}

	/** Forgets pending rejoins (shutdown, guild deleted). */
	public cancel(guildId?: string): void {
		for (const [id, retry] of this.retries) {
			if (guildId !== undefined && id !== guildId) continue;
			clearTimeout(retry.timer);
			this.retries.delete(id);
		}
	}

	private scheduleAutoJoin(guildId: string, why: string): void {
		if (this.stopped || this.retries.has(guildId)) return;
		const attempt = (this.attempts.get(guildId) ?? 0) + 1;
		this.attempts.set(guildId, attempt);
		const delayMs = backoffDelay(attempt, { ...this.options.retry, maxAttempts: Infinity });
		this.options.log.info({ guildId, why, attempt, delayMs }, '24/7: rejoining after a wait');
		const timer = setTimeout(async () => {
			this.retries.delete(guildId);
			const settings = await this.settingsOf(guildId);
			if (!settings || !isAutoJoin(settings)) return;
			await this.safeAttempt(autoJoinTarget(guildId, settings), attempt);
		}, delayMs);
		timer.unref();
		this.retries.set(guildId, { attempt, timer });
	}

	/** An attempt never throws: an unexpected error (a store that cannot list the guild's stations) counts as a failed join. */
	private async safeAttempt(target: JoinTarget, attempt: number): Promise<void> {
		try {
			await this.attempt(target, attempt);
		} catch (error) {
			this.options.log.error({ err: error, guildId: target.guildId, source: target.source }, 'rejoin failed unexpectedly');
			await this.failed(target, attempt).catch(() => undefined);
		}
	}

	private async attempt(target: JoinTarget, attempt: number): Promise<void> {
		const { voice, log } = this.options;
		const { guildId } = target;
		if (this.stopped) return;
		// Somebody started the radio in the meantime: that wins.
		if (voice.sessionFor(guildId)) return;
		const guild = this.options.guild(guildId);
		if (!guild) return;
		const channel = guild.channels.cache.get(target.channelId);
		if (!channel?.isVoiceBased()) return this.drop(target, 'voice channel gone');
		const station = await this.options.findStation(guildId, target.stationId);
		if (!station) return this.drop(target, 'station gone');

		const problem = botJoinProblem(channel);
		if (problem) {
			log.warn({ guildId, channelId: channel.id, problem }, `${target.source === 'saved' ? 'resume' : '24/7'}: cannot join the channel`);
			return this.failed(target, attempt);
		}
		const settings = await this.settingsOf(guildId);
		const volume = quantizeVolume(target.volume ?? settings?.volume.default ?? 100, settings?.volume);
		let session: GuildSession;
		try {
			if (voice.sessionFor(guildId)) return;
			if (target.card) this.options.restoreCard?.(guildId, target.card);
			session = await voice.play(channel, station, target.textChannelId, volume, {
				startedAt: target.since === null ? undefined : new Date(target.since)
			});
		} catch (error) {
			// A full pipeline budget is like a failed join: try again later, when there may be room.
			if (!(error instanceof VoiceJoinError) && !(error instanceof PipelineLimitError)) throw error;
			log.warn({ err: error, guildId, channelId: channel.id }, `${target.source === 'saved' ? 'resume' : '24/7'}: join failed`);
			return this.failed(target, attempt);
		}
		this.joinedAt.set(guildId, Date.now());
		// It stood in for a station that was down: it may switch back once that station is on air again.
		const original = target.failoverFromId ? await this.options.findStation(guildId, target.failoverFromId).catch(() => null) : null;
		if (original) voice.standIn(guildId, original);
		await this.options.afterJoin?.(guild, session);
		log.info(
			{ guildId, channelId: channel.id, station: station.id, volume, source: target.source },
			target.source === 'saved' ? 'session resumed' : '24/7: joined'
		);
	}

	/** A saved session is retried a few times, then dropped; a 24/7 server keeps trying. */
	private async failed(target: JoinTarget, attempt: number): Promise<void> {
		if (this.stopped) return;
		if (target.source === 'autoJoin') return this.scheduleAutoJoin(target.guildId, 'join failed');
		if (attempt >= this.options.retry.maxAttempts) return this.drop(target, `no join after ${attempt} attempts`);
		this.later(backoffDelay(attempt, this.options.retry), () => this.safeAttempt(target, attempt + 1));
	}

	private later(delayMs: number, run: () => Promise<void>): void {
		const timer = setTimeout(() => {
			this.pending.delete(timer);
			void run();
		}, delayMs);
		timer.unref();
		this.pending.add(timer);
	}

	private async drop(target: JoinTarget, why: string): Promise<void> {
		if (this.stopped) return;
		this.options.log.warn(
			{ guildId: target.guildId, channelId: target.channelId, station: target.stationId, source: target.source },
			`session dropped: ${why}`
		);
		if (target.source !== 'saved') return;
		this.options.restoreCard?.(target.guildId, null);
		this.options.recorder.forget(target.guildId);
		// The saved session is gone, but a 24/7 server still belongs in its own channel.
		const settings = await this.settingsOf(target.guildId);
		if (settings && isAutoJoin(settings)) this.scheduleAutoJoin(target.guildId, why);
	}

	private async settingsOf(guildId: string): Promise<GuildSettings | null> {
		try {
			return await this.options.store().guild(guildId);
		} catch (error) {
			this.options.log.error({ err: error, guildId }, 'server settings could not be read');
			return null;
		}
	}
}

function autoJoinTarget(guildId: string, settings: GuildSettings): JoinTarget {
	return {
		guildId,
		channelId: settings.voiceChannelId!,
		stationId: settings.defaultStationId!,
		volume: null,
		textChannelId: settings.noticeChannelId,
		since: null,
		source: 'autoJoin'
	};
}
