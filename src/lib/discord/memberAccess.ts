import { container } from '@sapphire/framework';
import { PermissionFlagsBits, roleMention, type Interaction } from 'discord.js';
import { commandMention } from '#lib/discord/commandMention';
import type { Denial } from '#lib/discord/Denial';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { Preconditions } from '#lib/i18n/keys/index';
import type { SettingsStore } from '#lib/settings/types';

/** Server managers: Manage Server, or Administrator (which implies it). */
export function isServerManager(interaction: Interaction): boolean {
	return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

export function administratorDenial(interaction: Interaction): Denial | null {
	if (!interaction.inCachedGuild()) return { key: Preconditions.GuildOnly };
	return isServerManager(interaction) ? null : { key: Preconditions.Administrator };
}

/**
 * DJs control playback: members with the server's DJ role, and server managers. Without a DJ role everyone is a DJ.
 * Server managers pass before any settings read, so a storage outage never locks out the people who can fix things.
 * For everyone else a settings read failure denies (we cannot tell who may), with the storage message rather than a wrong
 * "you're not a DJ". A deleted DJ role leaves server managers only, and says so: asking for a role nobody can get helps no one.
 */
export async function djDenial(interaction: Interaction, settings: Pick<SettingsStore, 'guild'> = container.settings): Promise<Denial | null> {
	if (!interaction.inCachedGuild()) return { key: Preconditions.GuildOnly };
	if (isServerManager(interaction)) return null;
	let djRoleId: string | null;
	try {
		({ djRoleId } = await settings.guild(interaction.guildId));
	} catch (error) {
		return settingsUnavailableDenial(error, interaction.guildId);
	}
	if (djRoleId === null) return null;
	if (!interaction.guild.roles.cache.has(djRoleId)) return { key: Preconditions.DjRoleDeleted, variables: { command: commandMention('setup dj') } };
	if (interaction.member.roles.cache.has(djRoleId)) return null;
	return { key: Preconditions.Dj, variables: { role: roleMention(djRoleId) } };
}
