import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A session started (post its now-playing card) or changed (station, volume, channel: edit it). */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionChanged' })
export class ShowCardListener extends Listener {
	public run(session: GuildSession) {
		this.container.cards.sessionChanged(session);
	}
}
