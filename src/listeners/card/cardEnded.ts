import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';

/** The radio stopped: the card shows what played, without controls (a shutdown leaves it to the next start). */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionEnded' })
export class CardEndedListener extends Listener {
	public run(session: GuildSession, reason: SessionEndReason) {
		this.container.cards.ended(session, reason);
	}
}
