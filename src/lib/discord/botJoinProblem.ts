import type { TFunction } from '@sapphire/plugin-i18next';
import { ChannelType, PermissionFlagsBits, type VoiceBasedChannel } from 'discord.js';
import { deny, type Denial } from '#lib/discord/Denial';
import { Preconditions } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

export type JoinPermission = 'ViewChannel' | 'Connect' | 'Speak' | 'RequestToSpeak';

export type BotJoinProblem = { readonly kind: 'missingPermissions'; readonly missing: readonly JoinPermission[] } | { readonly kind: 'channelFull' };

const permissionNames = {
	ViewChannel: Preconditions.PermissionViewChannel,
	Connect: Preconditions.PermissionConnect,
	Speak: Preconditions.PermissionSpeak,
	RequestToSpeak: Preconditions.PermissionRequestToSpeak
} as const;

/**
 * Why the bot could not play in `channel`, or null. Discord ignores a join the bot may not make (the library then
 * just times out), so this is checked first. In a Stage channel the bot must be able to become a speaker: Mute Members
 * lets it unsuppress itself, Request to Speak lets it raise its hand.
 */
export function botJoinProblem(channel: VoiceBasedChannel): BotJoinProblem | null {
	const { me } = channel.guild.members;
	const permissions = me ? channel.permissionsFor(me) : null;
	const has = (bit: bigint) => permissions?.has(bit) ?? false;

	const missing: JoinPermission[] = [];
	if (!has(PermissionFlagsBits.ViewChannel)) missing.push('ViewChannel');
	if (!has(PermissionFlagsBits.Connect)) missing.push('Connect');
	if (channel.type === ChannelType.GuildStageVoice) {
		if (!has(PermissionFlagsBits.MuteMembers) && !has(PermissionFlagsBits.RequestToSpeak)) missing.push('RequestToSpeak');
	} else if (!has(PermissionFlagsBits.Speak)) missing.push('Speak');
	if (missing.length > 0) return { kind: 'missingPermissions', missing };

	const botId = channel.client.user.id;
	const alreadyThere = channel.guild.voiceStates.cache.get(botId)?.channelId === channel.id;
	const others = channel.guild.voiceStates.cache.filter((state) => state.channelId === channel.id && state.id !== botId).size;
	if (!alreadyThere && channel.userLimit > 0 && others >= channel.userLimit && !has(PermissionFlagsBits.MoveMembers))
		return { kind: 'channelFull' };
	return null;
}

/** The problem as a denial in the caller's language, naming the missing permissions. */
export function botJoinDenial(t: TFunction, channel: VoiceBasedChannel): Denial | null {
	const problem = botJoinProblem(channel);
	if (!problem) return null;
	if (problem.kind === 'channelFull') return deny(Preconditions.BotChannelFull, { channel: channel.toString() });
	const missing = problem.missing.map((permission) => translate(t, permissionNames[permission])).join(', ');
	return deny(Preconditions.BotMissingPermissions, { channel: channel.toString(), missing });
}
