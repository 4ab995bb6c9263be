import { Permission } from '../../model/permissions.js';
import { ErrorCode, HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { noContent, ok, type RouteContext } from '../types.js';

/** Guild reads, and the bot's own voice state (stage speakers un-suppress themselves here). */
export function addGuildRoutes(router: Router): void {
	router.add('GET', '/guilds/:guildId', (context) => {
		const guild = located(context);
		return ok({ ...guild.toAPI(), approximate_member_count: guild.members.size, approximate_presence_count: 0 });
	});
	router.add('GET', '/guilds/:guildId/channels', (context) => ok([...located(context).channels.values()].map((channel) => channel.toAPI())));
	router.add('GET', '/guilds/:guildId/roles', (context) => ok([...located(context).roles.values()].map((role) => role.toAPI())));
	router.add('GET', '/guilds/:guildId/members/:userId', (context) => {
		const member = located(context).members.get(context.params.userId!);
		if (!member) throw HttpError.notFound(ErrorCode.UnknownMember, 'Member');
		return ok(member.toAPI());
	});
	router.add('GET', '/guilds/:guildId/voice-states/:userId', (context) => {
		const guild = located(context);
		const userId = context.params.userId === '@me' ? context.emulator.botUser.id : context.params.userId!;
		const state = guild.voiceStates.get(userId);
		if (!state) throw HttpError.notFound(10065, 'Voice State');
		return ok({ ...state.toAPI(), guild_id: guild.id, member: guild.members.get(userId)?.toAPI() });
	});
	// The bot's own state only; discord.js sends '@me' URL-encoded (%40me), which only a parameter segment decodes.
	router.add('PATCH', '/guilds/:guildId/voice-states/:userId', (context) => {
		if (context.params.userId !== '@me') throw new HttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
		const guild = located(context);
		const state = guild.voiceStates.get(context.emulator.botUser.id);
		if (!state) throw HttpError.notFound(10065, 'Voice State');
		// Discord: un-suppressing yourself needs Mute Members in the stage; asking to speak needs Request to Speak.
		const channel = state.channelId ? guild.channel(state.channelId) : undefined;
		const permissions = channel ? guild.botMember.permissionsIn(channel) : 0n;
		if (context.body?.suppress === false && (permissions & Permission.MuteMembers) === 0n)
			throw new HttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
		if (context.body?.request_to_speak_timestamp && (permissions & Permission.RequestToSpeak) === 0n)
			throw new HttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
		if (typeof context.body?.suppress === 'boolean') state.suppress = context.body.suppress;
		if ('request_to_speak_timestamp' in (context.body ?? {})) state.requestToSpeakTimestamp = context.body.request_to_speak_timestamp;
		guild.dispatchVoiceState(state);
		return noContent();
	});
}

function located({ emulator, params }: RouteContext) {
	const guild = emulator.guild(params.guildId!);
	if (!guild) throw HttpError.notFound(ErrorCode.UnknownGuild, 'Guild');
	return guild;
}
