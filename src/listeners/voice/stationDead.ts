import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';
import { Radio, Stream } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { alternativeStations } from '#lib/radio-ui/alternatives';
import { postNotice } from '#lib/playback/notices';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import type { GuildSession } from '#lib/voice/VoiceService';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

/** A station stayed dead after every retry: its listeners were disconnected; tell them, with other stations to try. */
@ApplyOptions<Listener.Options>({ emitter: container.voice, event: 'stationDead' })
export class StationDeadListener extends Listener {
	public async run(sessions: GuildSession[], reason: string) {
		this.container.logger.warn({ guilds: sessions.map((session) => session.guildId), reason }, 'station dead: listeners notified');
		await Promise.all(
			sessions.map((session) =>
				postNotice(this.container.notices, session, (t) => ({
					content: `${translate(t, Radio.NoticeStationDead, { station: markdownText(session.station.name, QuotedTextLength) })}\n-# ${translate(t, Stream.reasonKey('stream-ended'))}`,
					components: [stationButtonRow(alternativeStations(this.container.stations, session.station))]
				}))
			)
		);
	}
}
