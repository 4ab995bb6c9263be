import { PermissionFlagsBits, roleMention, type Interaction } from 'discord.js';
import type { CommandMentions } from '#lib/discord/commandMention';
import { deny, type Denial } from '#lib/discord/Denial';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { Preconditions } from '#lib/i18n/keys/index';
import type { Log } from '#lib/logger/logger';
import type { SettingsStore } from '#lib/settings/types';

/** What the DJ check reads: the server's DJ role, and how to name the command that sets it. */
export interface MemberAccessServices {
	readonly settings: Pick<SettingsStore, 'guild'>;
	readonly mentions: CommandMentions;
	readonly logger: Log;
}

/** Server managers: Manage Server, or Administrator (which implies it). */
export function isServerManager(interaction: Interaction): boolean {
	return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export function administratorDenial(interaction: Interaction): Denial | null {
	if (!interaction.inCachedGuild()) return deny(Preconditions.GuildOnly);
	return isServerManager(interaction) ? null : deny(Preconditions.Administrator);
}

/**
 * DJs control playback: members with the server's DJ role, and server managers. Without a DJ role everyone is a DJ.
 * Server managers pass before any settings read, so a storage outage never locks out the people who can fix things.
 * For everyone else a settings read failure denies (we cannot tell who may), with the storage message rather than a wrong
 * "you're not a DJ". A deleted DJ role leaves server managers only, and says so: asking for a role nobody can get helps no one.
 */
export async function djDenial(services: MemberAccessServices, interaction: Interaction): Promise<Denial | null> {
	if (!interaction.inCachedGuild()) return deny(Preconditions.GuildOnly);
	if (isServerManager(interaction)) return null;
	let djRoleId: string | null;
	try {
		({ djRoleId } = await services.settings.guild(interaction.guildId));
	} catch (error) {
		return settingsUnavailableDenial(error, interaction.guildId, services.logger);
	}
	if (djRoleId === null) return null;
	if (!interaction.guild.roles.cache.has(djRoleId)) return deny(Preconditions.DjRoleDeleted, { command: services.mentions.of('setup dj') });
	if (interaction.member.roles.cache.has(djRoleId)) return null;
	return deny(Preconditions.Dj, { role: roleMention(djRoleId) });
}
