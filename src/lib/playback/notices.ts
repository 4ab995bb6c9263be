import type { TFunction } from '@sapphire/plugin-i18next';
import { PermissionFlagsBits, type BaseMessageOptions, type Guild } from 'discord.js';
import type { Translator } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import type { SettingsStore } from '#lib/settings/types';
import type { GuildSession } from '#lib/voice/VoiceService';

/** What notices and voice channel statuses need: the guilds as the bot sees them, their settings and language, and Discord's REST API. */
export interface NoticeServices {
	/** A guild this client serves, from the cache. */
	guild(guildId: string): Guild | undefined;
	readonly settings: Pick<SettingsStore, 'guild'>;
	/** The server's language. */
	readonly tFor: Translator;
	readonly rest: { put(route: `/${string}`, options: { body: unknown }): Promise<unknown> };
	readonly logger: Log;
}

/**
 * Posts a notice, in the server's language, in the server's notice channel (`/setup wizard`), else where play was issued.
 * Silently skipped (logged) where we may not write: a notice is a courtesy, never a reason to fail.
 */
export async function postNotice(services: NoticeServices, session: GuildSession, build: (t: TFunction) => BaseMessageOptions): Promise<void> {
	const guild = services.guild(session.guildId);
	const channelId = (await noticeChannelId(services, session.guildId)) ?? session.textChannelId;
	const channel = channelId ? guild?.channels.cache.get(channelId) : undefined;
	const me = guild?.members.me;
	if (!guild || !channel?.isSendable() || !me || !channel.permissionsFor(me).has(PermissionFlagsBits.SendMessages)) {
		services.logger.info({ guildId: session.guildId, channelId }, 'notice skipped: no channel to write in');
		return;
	}
	try {
		await channel.send(build(await services.tFor(guild)));
	} catch (error) {
		services.logger.warn({ err: error, guildId: session.guildId, channelId: channel.id }, 'notice could not be posted');
	}
}

/** The server's chosen notice channel; unreadable settings fall back to the session's channel rather than losing the notice. */
async function noticeChannelId(services: NoticeServices, guildId: string): Promise<string | null> {
	try {
		return (await services.settings.guild(guildId)).noticeChannelId;
	} catch (error) {
		services.logger.warn({ err: error, guildId }, 'settings unavailable: notice goes to the channel play was issued in');
		return null;
	}
}

/** Sets the text under the voice channel's name ("📻 Station — Title"); "" clears it. Needs Set Voice Channel Status. */
export async function setVoiceStatus(services: NoticeServices, session: GuildSession, status: string): Promise<void> {
	const guild = services.guild(session.guildId);
	const channel = guild?.channels.cache.get(session.channelId);
	const me = guild?.members.me;
	if (!channel || !me || !channel.permissionsFor(me).has(PermissionFlagsBits.SetVoiceChannelStatus)) return;
	try {
		await services.rest.put(`/channels/${channel.id}/voice-status`, { body: { status } });
	} catch (error) {
		services.logger.warn({ err: error, guildId: session.guildId, channelId: channel.id }, 'voice channel status not set');
	}
}
