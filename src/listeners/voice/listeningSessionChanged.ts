import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A session started or changed: count its listening under its station, and pick up a sleep timer a restart left. */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionChanged' })
export class ListeningSessionChangedListener extends Listener {
	public async run(session: GuildSession) {
		this.container.listeningStats.sessionChanged(session);
		await this.container.sleepTimers.sessionChanged(session);
	}
}
