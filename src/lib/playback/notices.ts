import { container } from '@sapphire/framework';
import { fetchT, type TFunction } from '@sapphire/plugin-i18next';
import { PermissionFlagsBits, type BaseMessageOptions } from 'discord.js';
import type { GuildSession } from '#lib/voice/VoiceService';

/**
 * Posts a notice, in the server's language, in the server's notice channel (`/setup wizard`), else where play was issued.
 * Silently skipped (logged) where we may not write: a notice is a courtesy, never a reason to fail.
 */
export async function postNotice(session: GuildSession, build: (t: TFunction) => BaseMessageOptions): Promise<void> {
	const guild = container.client.guilds.cache.get(session.guildId);
	const channelId = (await noticeChannelId(session.guildId)) ?? session.textChannelId;
	const channel = channelId ? guild?.channels.cache.get(channelId) : undefined;
	const me = guild?.members.me;
	if (!guild || !channel?.isSendable() || !me || !channel.permissionsFor(me).has(PermissionFlagsBits.SendMessages)) {
		container.logger.info({ guildId: session.guildId, channelId }, 'notice skipped: no channel to write in');
		return;
	}
	try {
		await channel.send(build(await fetchT(guild)));
	} catch (error) {
		container.logger.warn({ err: error, guildId: session.guildId, channelId: channel.id }, 'notice could not be posted');
	}
}

/** The server's chosen notice channel; unreadable settings fall back to the session's channel rather than losing the notice. */
async function noticeChannelId(guildId: string): Promise<string | null> {
	try {
		return (await container.settings.guild(guildId)).noticeChannelId;
	} catch (error) {
		container.logger.warn({ err: error, guildId }, 'settings unavailable: notice goes to the channel play was issued in');
		return null;
	}
}

/** Sets the text under the voice channel's name ("📻 Station — Title"); "" clears it. Needs Set Voice Channel Status. */
export async function setVoiceStatus(session: GuildSession, status: string): Promise<void> {
	const guild = container.client.guilds.cache.get(session.guildId);
	const channel = guild?.channels.cache.get(session.channelId);
	const me = guild?.members.me;
	if (!channel || !me || !channel.permissionsFor(me).has(PermissionFlagsBits.SetVoiceChannelStatus)) return;
	try {
		await container.client.rest.put(`/channels/${channel.id}/voice-status`, { body: { status } });
	} catch (error) {
		container.logger.warn({ err: error, guildId: session.guildId, channelId: channel.id }, 'voice channel status not set');
	}
}
