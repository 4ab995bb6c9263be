import type { Log } from '#lib/logger/logger';
import type { SettingsStore, SleepTimerRecord } from '#lib/settings/types';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';
import type { GuildSession, VoiceService } from '#lib/voice/VoiceService';

export interface SleepTimersOptions {
	readonly voice: Pick<VoiceService, 'sessionFor' | 'stop'>;
	readonly store: () => Pick<SettingsStore, 'sleepTimer' | 'saveSleepTimer'>;
	readonly log: Log;
	/** The radio stopped for a timer: tell the server. */
	onSlept(session: GuildSession): void;
	readonly now?: () => number;
}

interface RunningTimer {
	readonly record: SleepTimerRecord;
	readonly timer: NodeJS.Timeout;
}

/**
 * `/radio sleep`: after so many minutes the radio stops in a server and the bot leaves, with a notice. One timer per
 * server; a new one replaces it, and /radio stop (or any other end but a shutdown) cancels it.
 *
 * A timer survives a restart: it is stored with the start of the session it belongs to, and when a restart resumes that
 * session the timer runs on for what is left (or stops the radio at once if it ran out meanwhile). Otherwise a resumed
 * session would play all night after a restart. A stored timer of another session (say, one never resumed) is dropped.
 * Storage is written in the background: an outage costs only the restart case, never the timer itself.
 */
export class SleepTimers {
	private readonly running = new Map<string, RunningTimer>();
	/** Servers whose stored timer was read since the start (or set here), so it is read at most once per server. */
	private readonly known = new Set<string>();

	public constructor(private readonly options: SleepTimersOptions) {}

	/** Starts (or replaces) the server's timer; returns when it ends. Needs a session to belong to. */
	public set(session: GuildSession, userId: string, minutes: number): Date {
		const record: SleepTimerRecord = { endsAt: this.now() + minutes * 60_000, setBy: userId, sessionSince: session.since.getTime() };
		this.known.add(session.guildId);
		this.schedule(session.guildId, record);
		this.persist(session.guildId, record);
		this.options.log.info({ guildId: session.guildId, userId, minutes }, 'sleep timer set');
		return new Date(record.endsAt);
	}

	/** Cancels the server's timer; true when there was one. */
	public cancel(guildId: string): boolean {
		const had = this.clear(guildId);
		this.known.add(guildId);
		if (had) this.persist(guildId, null);
		return had;
	}

	public endsAt(guildId: string): Date | null {
		const running = this.running.get(guildId);
		return running ? new Date(running.record.endsAt) : null;
	}

	/**
	 * A session started or changed. The first time a server plays after a start, its stored timer is read: one of the
	 * same session (a resumed one) runs on. A running timer follows a station change (the session's start moves).
	 */
	public async sessionChanged(session: GuildSession): Promise<void> {
		const { guildId } = session;
		const running = this.running.get(guildId);
		if (running) {
			if (running.record.sessionSince !== session.since.getTime()) {
				const moved = { ...running.record, sessionSince: session.since.getTime() };
				this.schedule(guildId, moved);
				this.persist(guildId, moved);
			}
			return;
		}
		if (this.known.has(guildId)) return;
		this.known.add(guildId);
		let stored: SleepTimerRecord | null;
		try {
			stored = await this.options.store().sleepTimer(guildId);
		} catch (error) {
			this.options.log.warn({ err: error, guildId }, 'stored sleep timer unreadable');
			return;
		}
		// Set meanwhile (the read took a moment): the new timer wins.
		if (!stored || this.running.has(guildId)) return;
		if (stored.sessionSince !== session.since.getTime() || this.options.voice.sessionFor(guildId)?.since.getTime() !== stored.sessionSince) {
			this.persist(guildId, null);
			return;
		}
		this.options.log.info({ guildId, endsAt: new Date(stored.endsAt).toISOString() }, 'sleep timer resumed');
		this.schedule(guildId, stored);
	}

	/** Any end but a shutdown ends the timer too; after a shutdown it is kept for the resumed session. */
	public sessionEnded(session: GuildSession, reason: SessionEndReason): void {
		if (reason === 'shutdown') {
			this.clear(session.guildId);
			return;
		}
		this.cancel(session.guildId);
	}

	public dispose(): void {
		for (const guildId of [...this.running.keys()]) this.clear(guildId);
	}

	private schedule(guildId: string, record: SleepTimerRecord): void {
		this.clear(guildId);
		const timer = setTimeout(() => this.fire(guildId), Math.max(0, record.endsAt - this.now()));
		timer.unref();
		this.running.set(guildId, { record, timer });
	}

	private fire(guildId: string): void {
		this.running.delete(guildId);
		this.persist(guildId, null);
		const ended = this.options.voice.stop(guildId, 'stopped');
		if (!ended) return;
		this.options.log.info({ guildId, channelId: ended.channelId, station: ended.station.id }, 'sleep timer ended the radio');
		this.options.onSlept(ended);
	}

	private clear(guildId: string): boolean {
		const running = this.running.get(guildId);
		if (!running) return false;
		clearTimeout(running.timer);
		this.running.delete(guildId);
		return true;
	}

	private persist(guildId: string, record: SleepTimerRecord | null): void {
		this.options
			.store()
			.saveSleepTimer(guildId, record)
			.catch((error: unknown) => this.options.log.warn({ err: error, guildId }, 'sleep timer not saved: it will not survive a restart'));
	}

	private now(): number {
		return (this.options.now ?? Date.now)();
	}
}
