import type { EmulatedGuild } from '../model/Guild.js';
import type { ApiUser, Json } from '../model/types.js';
import { Intent } from './intents.js';

export interface ReadyContext {
	botUser: ApiUser;
	applicationId: string;
	sessionId: string;
	resumeUrl: string;
	shard: [number, number];
	guilds: EmulatedGuild[];
}

/** READY: the bot user, the session's guilds as unavailable stubs (GUILD_CREATEs follow), session and resume url. */
export function readyPayload({ botUser, applicationId, sessionId, resumeUrl, shard, guilds }: ReadyContext): Json {
	return {
		v: 10,
		user: { ...botUser, mfa_enabled: false, verified: true },
		guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
		session_id: sessionId,
		resume_gateway_url: resumeUrl,
		shard,
		application: { id: applicationId, flags: 0 },
		user_settings: {},
		private_channels: [],
		presences: [],
		relationships: [],
		guild_join_requests: [],
		geo_ordered_rtc_regions: ['emulated']
	};
}

/** GUILD_CREATE as a session with `intents` gets it. */
export function guildCreatePayload(guild: EmulatedGuild, intents: number, botUserId: string): Json {
	const payload = guild.toGuildCreate();
	// Without the presences intent Discord only lists the bot and members in voice channels.
	if ((intents & Intent.GuildPresences) === 0) {
		payload.members = (payload.members as Json[]).filter((member) => member.user.id === botUserId || guild.voiceStates.has(member.user.id));
	}
	return payload;
}

/** GUILD_MEMBERS_CHUNK answering op 8 (one chunk). */
export function membersChunkPayload(guild: EmulatedGuild, request: Json): Json {
	const wanted: string[] | undefined = Array.isArray(request.user_ids) ? request.user_ids : request.user_ids ? [request.user_ids] : undefined;
	const members = [...guild.members.values()].filter((member) =>
		wanted ? wanted.includes(member.id) : member.user.username.startsWith(request.query ?? '')
	);
	const limited = request.limit ? members.slice(0, request.limit) : members;
	return {
		guild_id: guild.id,
		members: limited.map((member) => member.toAPI()),
		chunk_index: 0,
		chunk_count: 1,
		...(wanted ? { not_found: wanted.filter((id) => !guild.members.has(id)) } : {}),
		...(request.nonce ? { nonce: request.nonce } : {})
	};
}
