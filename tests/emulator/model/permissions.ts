/** Permission bits the emulator reasons about (values from Discord's documentation). */
export const Permission = {
	CreateInstantInvite: 1n << 0n,
	Administrator: 1n << 3n,
	ManageChannels: 1n << 4n,
	ManageGuild: 1n << 5n,
	ViewChannel: 1n << 10n,
	SendMessages: 1n << 11n,
	EmbedLinks: 1n << 14n,
	ReadMessageHistory: 1n << 16n,
	Connect: 1n << 20n,
	Speak: 1n << 21n,
	MuteMembers: 1n << 22n,
	MoveMembers: 1n << 24n,
	UseVAD: 1n << 25n,
	UseApplicationCommands: 1n << 31n,
	RequestToSpeak: 1n << 32n,
	SendMessagesInThreads: 1n << 38n,
	SetVoiceChannelStatus: 1n << 48n
} as const;

/** Every permission bit Discord defines today; administrators get all of them. */
export const AllPermissions = (1n << 53n) - 1n;

export const DefaultBotPermissions =
	Permission.ViewChannel |
	Permission.Connect |
	Permission.Speak |
	Permission.SendMessages |
	Permission.EmbedLinks |
	Permission.SetVoiceChannelStatus;

export const DefaultMemberPermissions =
	Permission.ViewChannel |
	Permission.SendMessages |
	Permission.ReadMessageHistory |
	Permission.EmbedLinks |
	Permission.Connect |
	Permission.Speak |
	Permission.UseVAD |
	Permission.UseApplicationCommands |
	Permission.RequestToSpeak;

export interface PermissionOverwrite {
	id: string;
	/** 0 = role, 1 = member */
	type: 0 | 1;
	allow: bigint;
	deny: bigint;
}

export interface PermissionSubject {
	guildId: string;
	ownerId: string;
	userId: string;
	roleIds: readonly string[];
	rolePermissions: (roleId: string) => bigint;
}

/** Guild-level permissions: @everyone (role id = guild id) plus every role of the member; administrators and the owner get all. */
export function guildPermissions(subject: PermissionSubject): bigint {
	if (subject.userId === subject.ownerId) return AllPermissions;
	let bits = subject.rolePermissions(subject.guildId);
	for (const roleId of subject.roleIds) bits |= subject.rolePermissions(roleId);
	return (bits & Permission.Administrator) === 0n ? bits : AllPermissions;
}

/** Channel permissions following Discord's algorithm: @everyone overwrite, then role overwrites combined, then the member's own overwrite. */
export function channelPermissions(subject: PermissionSubject, overwrites: readonly PermissionOverwrite[]): bigint {
	let bits = guildPermissions(subject);
	if (bits === AllPermissions) return bits;
	const everyone = overwrites.find((overwrite) => overwrite.id === subject.guildId);
	if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
	let allow = 0n;
	let deny = 0n;
	for (const overwrite of overwrites) {
		if (overwrite.type === 0 && subject.roleIds.includes(overwrite.id)) {
			allow |= overwrite.allow;
			deny |= overwrite.deny;
		}
	}
	bits = (bits & ~deny) | allow;
	const own = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === subject.userId);
	if (own) bits = (bits & ~own.deny) | own.allow;
	// Without View Channel nothing else in the channel is usable.
	return (bits & Permission.ViewChannel) === 0n ? 0n : bits;
}
