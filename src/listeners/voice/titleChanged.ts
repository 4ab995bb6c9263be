import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A new song: show "📻 Station — Title" under each listening voice channel's name, where we may (throttled per channel). */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'titleChanged' })
export class TitleChangedListener extends Listener {
	public run(sessions: GuildSession[], title: NowPlayingTitle) {
		for (const session of sessions) this.container.channelStatus.show(session, title.title);
	}
}
