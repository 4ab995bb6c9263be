import type { SessionRecord } from '#lib/settings/types';
import type { GuildSession } from '#lib/voice/VoiceService';

/** What the store keeps of a live session: enough to rejoin the same channel with the same station and volume. */
export function toSessionRecord(session: GuildSession): SessionRecord {
	return {
		guildId: session.guildId,
		channelId: session.channelId,
		stationId: session.station.id,
		volume: session.volume,
		textChannelId: session.textChannelId,
		since: session.since.getTime()
	};
}
