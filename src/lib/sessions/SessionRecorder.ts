import type { Log } from '#lib/logger/logger';
import type { CardRef, SettingsStore } from '#lib/settings/types';
import type { GuildSession } from '#lib/voice/VoiceService';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';
import { toSessionRecord } from '#lib/sessions/sessionRecord';

/**
 * Writes every session start and change to the settings store, and deletes it when the session ends for good. Writes
 * run in the background (audio never waits for them), in order per guild (a save never overtakes the delete that
 * followed it), and a failing write is logged, never thrown.
 */
export class SessionRecorder {
	private readonly queues = new Map<string, Promise<void>>();

	public constructor(
		private readonly store: () => SettingsStore,
		private readonly log: Log,
		/** The guild's now-playing card, saved with its session so a restart edits the same message. */
		private readonly cardOf: (guildId: string) => CardRef | null = () => null
	) {}

	public save(session: GuildSession): void {
		const record = toSessionRecord(session, this.cardOf(session.guildId));
		this.enqueue(session.guildId, 'save', (store) => store.saveSession(record));
	}

	/** A shutdown keeps the record (the next start resumes it); every other end deletes it. */
	public ended(session: GuildSession, reason: SessionEndReason): void {
		if (reason !== 'shutdown') this.forget(session.guildId);
	}

	public forget(guildId: string): void {
		this.enqueue(guildId, 'delete', (store) => store.deleteSession(guildId));
	}

	/** Resolves once every write queued so far has finished (or failed). */
	public async flush(): Promise<void> {
		await Promise.all(this.queues.values());
	}

	private enqueue(guildId: string, action: 'save' | 'delete', write: (store: SettingsStore) => Promise<void>): void {
		const previous = this.queues.get(guildId) ?? Promise.resolve();
		const next = previous
			.then(() => write(this.store()))
			.then(
				() => this.log.debug({ guildId, action }, 'session record written'),
				(error: unknown) => this.log.error({ err: error, guildId, action }, 'session record could not be written')
			)
			.finally(() => {
				if (this.queues.get(guildId) === next) this.queues.delete(guildId);
			});
		this.queues.set(guildId, next);
	}
}
