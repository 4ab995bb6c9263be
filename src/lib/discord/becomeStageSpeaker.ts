import { ChannelType, PermissionFlagsBits, type VoiceState } from 'discord.js';

export type StageSpeakerAction = 'unsuppressed' | 'requestedToSpeak' | 'none';

/**
 * In a Stage channel the bot joins the audience (suppressed), where nobody hears it. With Mute Members (a stage
 * moderator) it makes itself a speaker; otherwise it raises its hand once, for a moderator to accept.
 */
export async function becomeStageSpeaker(state: VoiceState): Promise<StageSpeakerAction> {
	const { channel } = state;
	if (channel?.type !== ChannelType.GuildStageVoice || !state.suppress || state.id !== state.client.user.id) return 'none';
	const permissions = state.guild.members.me ? channel.permissionsFor(state.guild.members.me) : null;
	if (permissions?.has(PermissionFlagsBits.MuteMembers)) {
		await state.setSuppressed(false);
		return 'unsuppressed';
	}
	if (state.requestToSpeakTimestamp === null && permissions?.has(PermissionFlagsBits.RequestToSpeak)) {
		await state.setRequestToSpeak(true);
		return 'requestedToSpeak';
	}
	return 'none';
}
