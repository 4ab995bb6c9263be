import { createMessage, editMessage } from '../../model/messages.js';
import { Permission } from '../../model/permissions.js';
import { validateMessageCreate, validateMessageEdit, validateVoiceStatus } from '../../validation/bodies.js';
import { ErrorCode, HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { noContent, ok, type RouteContext } from '../types.js';

/** Channels: read, messages the bot posts, and the voice channel status. */
export function addChannelRoutes(router: Router): void {
	router.add('GET', '/channels/:channelId', (context) => ok(located(context).channel.toAPI()));

	router.add('POST', '/channels/:channelId/messages', (context) => {
		const { emulator, body } = context;
		const { guild, channel } = located(context);
		requirePermissions(guild.botMember.permissionsIn(channel), Permission.ViewChannel | Permission.SendMessages);
		const issues = validateMessageCreate(body);
		if (issues.length > 0) throw HttpError.invalidForm(issues);
		const message = createMessage(body, { channelId: channel.id, guildId: guild.id, author: emulator.botUser });
		channel.messages.push(message);
		emulator.dispatchGuildEvent(guild, 'MESSAGE_CREATE', { ...message, member: guild.botMember.toAPI() });
		return ok(message);
	});

	router.add('GET', '/channels/:channelId/messages/:messageId', (context) => ok(stored(context).message));

	router.add('PATCH', '/channels/:channelId/messages/:messageId', (context) => {
		const issues = validateMessageEdit(context.body);
		if (issues.length > 0) throw HttpError.invalidForm(issues);
		const { guild, channel, message, index } = stored(context);
		const edited = editMessage(message, context.body);
		channel.messages[index] = edited;
		context.emulator.dispatchGuildEvent(guild, 'MESSAGE_UPDATE', edited);
		return ok(edited);
	});

	router.add('DELETE', '/channels/:channelId/messages/:messageId', (context) => {
		const { guild, channel, message, index } = stored(context);
		channel.messages.splice(index, 1);
		context.emulator.dispatchGuildEvent(guild, 'MESSAGE_DELETE', { id: message.id, channel_id: channel.id, guild_id: guild.id });
		return noContent();
	});

	router.add('PUT', '/channels/:channelId/voice-status', (context) => {
		const { guild, channel } = located(context);
		if (!channel.isVoiceBased) throw new HttpError(400, 50024, 'Cannot execute action on this channel type');
		const issues = validateVoiceStatus(context.body);
		if (issues.length > 0) throw HttpError.invalidForm(issues);
		const permissions = guild.botMember.permissionsIn(channel);
		requirePermissions(permissions, Permission.SetVoiceChannelStatus);
		const connectedHere = guild.voiceStates.get(guild.botMember.id)?.channelId === channel.id;
		if (!connectedHere && (permissions & Permission.ManageChannels) === 0n)
			throw new HttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
		channel.voiceStatus = context.body.status ?? '';
		context.emulator.dispatchGuildEvent(guild, 'VOICE_CHANNEL_STATUS_UPDATE', {
			id: channel.id,
			guild_id: guild.id,
			status: channel.voiceStatus
		});
		return noContent();
	});
}

function located({ emulator, params }: RouteContext) {
	const found = emulator.findChannel(params.channelId!);
	if (!found) throw HttpError.notFound(ErrorCode.UnknownChannel, 'Channel');
	return found;
}

function stored(context: RouteContext) {
	const { guild, channel } = located(context);
	const index = channel.messages.findIndex((message) => message.id === context.params.messageId);
	if (index < 0) throw HttpError.notFound(ErrorCode.UnknownMessage, 'Message');
	return { guild, channel, message: channel.messages[index]!, index };
}

function requirePermissions(granted: bigint, needed: bigint): void {
	if ((granted & Permission.ViewChannel) === 0n) throw new HttpError(403, ErrorCode.MissingAccess, 'Missing Access');
	if ((granted & needed) !== needed) throw new HttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
}
