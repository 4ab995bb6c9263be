import type { EmulatedGuild } from '../model/Guild.js';
import type { Json } from '../model/types.js';

const OptionType = {
	SubCommand: 1,
	SubCommandGroup: 2,
	String: 3,
	Integer: 4,
	Boolean: 5,
	User: 6,
	Channel: 7,
	Role: 8,
	Mentionable: 9,
	Number: 10,
	Attachment: 11
};

/**
 * Builds `data` of an APPLICATION_COMMAND (or autocomplete) interaction from a registered command:
 * 'radio play' → subcommand (group) nesting, option types from the registration, resolved users/roles/channels.
 */
export function buildCommandData(command: Json, path: string, values: Record<string, unknown>, guild: EmulatedGuild, focused?: string): Json {
	const [, ...subPath] = path.trim().split(/\s+/);
	let options: Json[] = command.options ?? [];
	const chain: Json[] = [];
	for (const name of subPath) {
		const sub = options.find(
			(option) => option.name === name && (option.type === OptionType.SubCommand || option.type === OptionType.SubCommandGroup)
		);
		if (!sub) throw new Error(`/${command.name} has no subcommand (group) "${name}"`);
		chain.push(sub);
		options = sub.options ?? [];
	}
	const resolved: Json = {};
	const leaf = Object.entries(values).map(([name, value]) => {
		const definition = options.find((option) => option.name === name);
		if (!definition)
			throw new Error(`/${path} has no option "${name}" (registered: ${options.map((option) => option.name).join(', ') || 'none'})`);
		resolve(definition.type, value, guild, resolved);
		return {
			name,
			type: definition.type,
			value: coerce(definition.type, value, focused === name),
			...(focused === name ? { focused: true } : {})
		};
	});
	let nested: Json[] = leaf;
	for (const sub of [...chain].reverse()) nested = [{ name: sub.name, type: sub.type, options: nested }];
	return {
		id: command.id,
		name: command.name,
		type: command.type ?? 1,
		...(command.guild_id ? { guild_id: command.guild_id } : {}),
		options: nested,
		...(Object.keys(resolved).length > 0 ? { resolved } : {})
	};
}

function coerce(type: number, value: unknown, isFocused: boolean): unknown {
	// Discord sends the partial text of a focused option as typed, whatever the option type.
	if (isFocused) return String(value);
	if (type === OptionType.Integer || type === OptionType.Number) return Number(value);
	if (type === OptionType.Boolean) return Boolean(value);
	return typeof value === 'object' && value !== null && 'id' in value ? String((value as { id: unknown }).id) : String(value);
}

function resolve(type: number, value: unknown, guild: EmulatedGuild, resolved: Json): void {
	const id = typeof value === 'object' && value !== null && 'id' in value ? String((value as { id: unknown }).id) : String(value);
	const member = guild.members.get(id);
	if ((type === OptionType.User || type === OptionType.Mentionable) && member) {
		(resolved.users ??= {})[id] = member.user;
		const { user: _user, ...rest } = member.toAPI();
		(resolved.members ??= {})[id] = { ...rest, permissions: member.permissions.toString() };
	}
	const role = guild.roles.get(id);
	if ((type === OptionType.Role || type === OptionType.Mentionable) && role) (resolved.roles ??= {})[id] = role.toAPI();
	const channel = guild.channels.get(id);
	if (type === OptionType.Channel && channel) {
		(resolved.channels ??= {})[id] = {
			id,
			name: channel.name,
			type: channel.type,
			permissions: guild.botMember.permissionsIn(channel).toString()
		};
	}
}
