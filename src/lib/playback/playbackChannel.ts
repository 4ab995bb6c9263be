import type { GuildMember, VoiceBasedChannel } from 'discord.js';
import type { Log } from '#lib/logger/logger';
import type { SettingsStore } from '#lib/settings/types';

/**
 * Where a play goes: the caller's own voice or stage channel; for a caller out of voice, the server's default channel
 * (`/setup voice`) if it still exists. Null when there is neither. Unreadable settings only lose the fallback.
 */
export async function playbackChannel(
	services: { readonly settings: Pick<SettingsStore, 'guild'>; readonly logger: Log },
	member: GuildMember
): Promise<VoiceBasedChannel | null> {
	const own = member.voice.channel;
	if (own) return own;
	const settings = await services.settings.guild(member.guild.id).catch((error: unknown) => {
		services.logger.warn({ err: error, guildId: member.guild.id }, 'settings unavailable: no default voice channel');
		return null;
	});
	const fallback = settings?.voiceChannelId ? member.guild.channels.cache.get(settings.voiceChannelId) : undefined;
	return fallback?.isVoiceBased() ? fallback : null;
}
