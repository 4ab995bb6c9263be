import type { InteractionHandle } from '../interactions/InteractionHandle.js';
import type { EmulatedGuild } from './Guild.js';
import type { EmulatedMember } from './Member.js';
import type { EmulatedChannel } from './Channel.js';
import type { ApiUser, Json } from './types.js';

export interface InteractionExtras {
	locale?: string;
	channel?: EmulatedChannel;
}

/** What interaction-driving model objects (members) ask of the emulator. */
export interface InteractionActions {
	run(member: EmulatedMember, path: string, options: Record<string, unknown>, extras: InteractionExtras): Promise<InteractionHandle>;
	autocomplete(
		member: EmulatedMember,
		path: string,
		options: Record<string, unknown>,
		focused: string,
		extras: InteractionExtras
	): Promise<{ name: string; value: string | number }[]>;
	clickButton(member: EmulatedMember, message: Json, customId: string, extras: InteractionExtras): Promise<InteractionHandle>;
	selectMenu(member: EmulatedMember, message: Json, customId: string, values: string[], extras: InteractionExtras): Promise<InteractionHandle>;
	submitModal(member: EmulatedMember, customId: string, fields: Record<string, string>, extras: InteractionExtras): Promise<InteractionHandle>;
}

/** The emulator as the model sees it: identity of the bot, gateway dispatch, interactions. */
export interface EmulatorContext {
	readonly botUser: ApiUser;
	readonly applicationId: string;
	/** Sends a dispatch about this guild to the bot, if the bot already knows the guild (else GUILD_CREATE will carry the state). */
	dispatchGuildEvent(guild: EmulatedGuild, event: string, data: Json): void;
	readonly interactions: InteractionActions;
	/** A voice channel was deleted after its voice states were cleared: the call in it ends (the bot's voice connection too). */
	voiceChannelDeleted?(guild: EmulatedGuild, channelId: string): void;
}
