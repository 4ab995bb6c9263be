import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import { setVoiceStatus } from '#lib/radio/notices';
import { formatVoiceStatus } from '#lib/stations/nowPlaying/formatVoiceStatus';
import type { NowPlayingTitle } from '#lib/stations/nowPlaying/NowPlaying';
import type { GuildSession } from '#lib/voice/VoiceService';

/** A new song: show "📻 Station — Title" under each listening voice channel's name, where we may. */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'titleChanged' })
export class TitleChangedListener extends Listener {
	public async run(sessions: GuildSession[], title: NowPlayingTitle) {
		await Promise.all(sessions.map((session) => setVoiceStatus(session, formatVoiceStatus(session.station.name, title.title))));
	}
}
