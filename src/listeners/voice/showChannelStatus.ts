import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { GuildSession } from '#lib/voice/VoiceService';

/**
 * A session started or changed (another station, channel or volume): a station that already plays knows its song, so the
 * channel shows it now instead of at the next song change. A station that has no title yet shows it with its first one.
 */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'sessionChanged' })
export class ShowChannelStatusListener extends Listener {
	public run(session: GuildSession) {
		const title = this.container.voice.nowPlaying(session.station)?.title;
		if (title) this.container.channelStatus.show(session, title);
	}
}
