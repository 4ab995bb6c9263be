/** A Discord user object as the API returns it. */
export interface ApiUser {
	id: string;
	username: string;
	discriminator: string;
	global_name: string | null;
	avatar: string | null;
	bot?: boolean;
	system?: boolean;
	public_flags?: number;
	flags?: number;
}

export const ChannelType = { GuildText: 0, GuildVoice: 2, GuildCategory: 4, GuildStageVoice: 13 } as const;
export type GuildChannelType = (typeof ChannelType)[keyof typeof ChannelType];

/** Loose JSON object: REST bodies and gateway payloads are checked by validation, not by the type system. */
export type Json = Record<string, any>;

export function makeUser(id: string, username: string, bot = false): ApiUser {
	return { id, username, discriminator: '0', global_name: bot ? null : username, avatar: null, bot, system: false, public_flags: 0, flags: 0 };
}
