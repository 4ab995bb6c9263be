import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import { setVoiceStatus } from '#lib/radio/notices';
import type { GuildSession } from '#lib/voice/VoiceService';

/** The radio stopped in a server: clear the voice channel status we set. */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionEnded' })
export class SessionEndedListener extends Listener {
	public async run(session: GuildSession) {
		this.container.idleWatcher.cancel(session.guildId);
		await setVoiceStatus(session, '');
	}
}
