import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A session ended: count its last minutes, and end its sleep timer (kept for the resume when only shutting down). */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionEnded' })
export class ListeningSessionEndedListener extends Listener {
	public run(session: GuildSession, reason: SessionEndReason) {
		this.container.listeningStats.sessionEnded(session);
		this.container.sleepTimers.sessionEnded(session, reason);
	}
}
