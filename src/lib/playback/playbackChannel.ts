import { container } from '@sapphire/framework';
import type { GuildMember, VoiceBasedChannel } from 'discord.js';

/**
 * Where a play goes: the caller's own voice or stage channel; for a caller out of voice, the server's default channel
 * (`/setup voice`) if it still exists. Null when there is neither. Unreadable settings only lose the fallback.
 */
export async function playbackChannel(member: GuildMember): Promise<VoiceBasedChannel | null> {
	const own = member.voice.channel;
	if (own) return own;
	const settings = await container.settings.guild(member.guild.id).catch((error: unknown) => {
		container.logger.warn({ err: error, guildId: member.guild.id }, 'settings unavailable: no default voice channel');
		return null;
	});
	const fallback = settings?.voiceChannelId ? member.guild.channels.cache.get(settings.voiceChannelId) : undefined;
	return fallback?.isVoiceBased() ? fallback : null;
}
