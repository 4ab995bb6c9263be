import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { Station } from '#lib/config/types';
import { failoverNotice } from '#lib/playback/failover';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A station stayed down and its listeners moved to a fallback: say so on the card (or as a notice without one). */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'failedOver' })
export class FailedOverListener extends Listener {
	public async run(session: GuildSession, from: Station) {
		await this.container.cards.announce(session, failoverNotice(session, from));
	}
}
