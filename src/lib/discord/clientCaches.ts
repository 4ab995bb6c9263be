import { Options, type CacheFactory, type GuildMember, type SweeperOptions, type User } from 'discord.js';

/** How often members who are neither the bot nor in a voice channel leave the cache (seconds). */
export const MemberSweepIntervalSeconds = 600;

/**
 * The members the bot reads: itself (its permissions in every channel) and whoever sits in a voice channel (whether a
 * listener is a bot, for leave-when-alone and the listener count). Everyone else comes with their interaction.
 */
export function isMemberWorthKeeping(member: GuildMember): boolean {
	return member.id === member.client.user?.id || Boolean(member.guild.voiceStates.cache.get(member.id)?.channelId);
}

/**
 * discord.js caches sized to what the bot reads, so that a server costs little beyond its voice connection. Kept in full:
 * guilds, channels (and threads, where /radio play may be issued), roles and permission overwrites (permissions), voice
 * states. Not kept: messages (the card is edited by id, replies go through their interaction), reactions, emojis,
 * stickers, presences, invites, bans, scheduled events, automod rules, thread members, users other
 * than the bot (a member holds its own user). Members are swept (see isMemberWorthKeeping) rather than refused on arrival,
 * because GUILD_CREATE adds members before their voice states.
 */
export function clientCacheOptions(): { makeCache: CacheFactory; sweepers: SweeperOptions } {
	return {
		makeCache: Options.cacheWithLimits({
			MessageManager: 0,
			ReactionManager: 0,
			ReactionUserManager: 0,
			GuildEmojiManager: 0,
			GuildStickerManager: 0,
			PresenceManager: 0,
			GuildInviteManager: 0,
			GuildBanManager: 0,
			GuildScheduledEventManager: 0,
			AutoModerationRuleManager: 0,
			ThreadMemberManager: 0,
			UserManager: { maxSize: 0, keepOverLimit: (user: User) => user.id === user.client.user?.id }
		}),
		sweepers: {
			...Options.DefaultSweeperSettings,
			guildMembers: { interval: MemberSweepIntervalSeconds, filter: () => (member: GuildMember) => !isMemberWorthKeeping(member) }
		}
	};
}
