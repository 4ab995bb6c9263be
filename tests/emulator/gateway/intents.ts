/** Gateway intent bits (Discord documentation) and which dispatches each one gates. */
export const Intent = { Guilds: 1 << 0, GuildMembers: 1 << 1, GuildVoiceStates: 1 << 7, GuildPresences: 1 << 8, GuildMessages: 1 << 9 } as const;

const requiredIntent: Record<string, number> = {
	GUILD_CREATE: Intent.Guilds,
	GUILD_UPDATE: Intent.Guilds,
	GUILD_DELETE: Intent.Guilds,
	GUILD_ROLE_CREATE: Intent.Guilds,
	GUILD_ROLE_UPDATE: Intent.Guilds,
	GUILD_ROLE_DELETE: Intent.Guilds,
	CHANNEL_CREATE: Intent.Guilds,
	CHANNEL_UPDATE: Intent.Guilds,
	CHANNEL_DELETE: Intent.Guilds,
	VOICE_CHANNEL_STATUS_UPDATE: Intent.Guilds,
	GUILD_MEMBER_ADD: Intent.GuildMembers,
	GUILD_MEMBER_UPDATE: Intent.GuildMembers,
	GUILD_MEMBER_REMOVE: Intent.GuildMembers,
	VOICE_STATE_UPDATE: Intent.GuildVoiceStates,
	MESSAGE_CREATE: Intent.GuildMessages,
	MESSAGE_UPDATE: Intent.GuildMessages,
	MESSAGE_DELETE: Intent.GuildMessages
};

/** READY, RESUMED, INTERACTION_CREATE, VOICE_SERVER_UPDATE and the like need no intent. */
export function isWanted(event: string, intents: number): boolean {
	const needed = requiredIntent[event];
	return needed === undefined || (intents & needed) !== 0;
}
