import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A new song: each listening server's card shows it (throttled per card). */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'titleChanged' })
export class CardTitleChangedListener extends Listener {
	public run(sessions: GuildSession[]) {
		for (const session of sessions) this.container.cards.refresh(session.guildId);
	}
}
