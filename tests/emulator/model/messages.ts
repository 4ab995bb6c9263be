import { nextSnowflake } from '../snowflake.js';
import type { ApiUser, Json } from './types.js';

export interface MessageOrigin {
	channelId: string;
	guildId?: string;
	author: ApiUser;
	/** Interaction responses and follow-ups are webhook messages of the application. */
	webhookId?: string;
	applicationId?: string;
	/** 0 default, 19 reply, 20 chat input command */
	type?: number;
	interactionMetadata?: Json;
}

/** Builds the API message Discord would return for a create body. */
export function createMessage(body: Json, origin: MessageOrigin): Json {
	return {
		id: nextSnowflake(),
		type: origin.type ?? 0,
		channel_id: origin.channelId,
		...(origin.guildId ? { guild_id: origin.guildId } : {}),
		author: origin.author,
		content: body.content ?? '',
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		tts: body.tts ?? false,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		mention_channels: [],
		attachments: [],
		embeds: normalizeEmbeds(body.embeds),
		reactions: [],
		pinned: false,
		flags: body.flags ?? 0,
		components: body.components ?? [],
		...(origin.webhookId ? { webhook_id: origin.webhookId } : {}),
		...(origin.applicationId ? { application_id: origin.applicationId } : {}),
		...(origin.interactionMetadata ? { interaction_metadata: origin.interactionMetadata } : {})
	};
}

/** Applies an edit body: fields present in the body replace the old ones (null clears them). */
export function editMessage(message: Json, body: Json): Json {
	const edited: Json = { ...message, edited_timestamp: new Date().toISOString() };
	if ('content' in body) edited.content = body.content ?? '';
	if ('embeds' in body) edited.embeds = normalizeEmbeds(body.embeds);
	if ('components' in body) edited.components = body.components ?? [];
	if ('flags' in body && body.flags !== null && body.flags !== undefined) edited.flags = body.flags;
	if ('attachments' in body) edited.attachments = [];
	return edited;
}

function normalizeEmbeds(embeds: unknown): Json[] {
	if (!Array.isArray(embeds)) return [];
	return embeds.map((embed: Json) => ({ type: 'rich', ...embed }));
}
