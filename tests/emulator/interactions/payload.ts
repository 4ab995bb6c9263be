import { randomBytes } from 'node:crypto';
import type { EmulatedChannel } from '../model/Channel.js';
import type { EmulatedMember } from '../model/Member.js';
import type { Json } from '../model/types.js';
import { nextSnowflake } from '../snowflake.js';

export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export interface BaseOptions {
	applicationId: string;
	member: EmulatedMember;
	channel: EmulatedChannel;
	locale?: string;
	type: number;
	data: Json;
	message?: Json;
}

/** The fields every guild interaction carries, as Discord sends them in INTERACTION_CREATE. */
export function buildInteraction({ applicationId, member, channel, locale, type, data, message }: BaseOptions): Json {
	const { guild } = member;
	return {
		id: nextSnowflake(),
		application_id: applicationId,
		type,
		token: `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`,
		version: 1,
		data,
		guild_id: guild.id,
		guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
		channel: channel.toAPI(),
		channel_id: channel.id,
		member: { ...member.toAPI(), permissions: member.permissionsIn(channel).toString() },
		app_permissions: guild.botMember.permissionsIn(channel).toString(),
		locale: locale ?? member.locale,
		guild_locale: guild.preferredLocale,
		entitlements: [],
		authorizing_integration_owners: { '0': guild.id },
		context: 0,
		attachment_size_limit: 10 * 1024 * 1024,
		...(message ? { message } : {})
	};
}
