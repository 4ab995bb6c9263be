import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';

/**
 * The radio stopped in a server: clear the voice channel status we set, forget the saved session (unless we are only
 * shutting down, so the next start resumes it), and let a 24/7 server rejoin.
 */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionEnded' })
export class SessionEndedListener extends Listener {
	public async run(session: GuildSession, reason: SessionEndReason) {
		this.container.leaveWhenAlone.cancel(session.guildId);
		this.container.sessionRecorder.ended(session, reason);
		await Promise.all([this.container.channelStatus.clear(session), this.container.sessionRestorer.afterSessionEnded(session, reason)]);
	}
}
