import type { CardRef, SessionRecord } from '#lib/settings/types';
import type { GuildSession } from '#lib/voice/VoiceService';

/**
 * What the store keeps of a live session: enough to rejoin the same channel with the same station and volume, keep
 * editing its now-playing card, and switch back to the station a failover replaced.
 */
export function toSessionRecord(session: GuildSession, card: CardRef | null = null): SessionRecord {
	return {
		guildId: session.guildId,
		channelId: session.channelId,
		stationId: session.station.id,
		volume: session.volume,
		textChannelId: session.textChannelId,
		since: session.since.getTime(),
		card,
		failoverFromId: session.failoverFrom?.id ?? null
	};
}
