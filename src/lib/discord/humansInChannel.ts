import type { Guild } from 'discord.js';

/** People (not bots, not us) in a voice channel, from voice states: members need not be cached for this. */
export function humansInChannel(guild: Guild, channelId: string): number {
	return guild.voiceStates.cache.filter((state) => state.channelId === channelId && state.id !== guild.client.user.id && !state.member?.user.bot)
		.size;
}
