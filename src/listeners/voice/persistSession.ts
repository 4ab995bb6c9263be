import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A session started or changed: save it (in the background) so a restart can resume it. */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionChanged' })
export class PersistSessionListener extends Listener {
	public run(session: GuildSession) {
		this.container.sessionRecorder.save(session);
	}
}
