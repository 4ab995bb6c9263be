import type { EmulatedGuild } from '../model/Guild.js';
import type { Json } from '../model/types.js';

const SelectType = { String: 3, User: 5, Role: 6, Mentionable: 7, Channel: 8 };

/** Finds an interactive component by custom_id anywhere in a message (action rows, sections, containers). */
export function findComponent(message: Json, customId: string): Json | undefined {
	const visit = (components: Json[] | undefined): Json | undefined => {
		for (const component of components ?? []) {
			if (component.custom_id === customId) return component;
			const inner = visit(component.components) ?? (component.accessory ? visit([component.accessory]) : undefined);
			if (inner) return inner;
		}
		return undefined;
	};
	return visit(message.components);
}

export function buttonData(message: Json, customId: string): Json {
	const button = findComponent(message, customId);
	if (!button || button.type !== 2) throw new Error(`message ${message.id} has no button "${customId}"`);
	if (button.disabled) throw new Error(`button "${customId}" is disabled`);
	return { custom_id: customId, component_type: 2, ...(button.id === undefined ? {} : { id: button.id }) };
}

export function selectData(message: Json, customId: string, values: string[], guild: EmulatedGuild): Json {
	const select = findComponent(message, customId);
	if (!select || ![3, 5, 6, 7, 8].includes(select.type)) throw new Error(`message ${message.id} has no select menu "${customId}"`);
	if (select.type === SelectType.String) {
		const allowed = new Set((select.options ?? []).map((option: Json) => option.value));
		const unknown = values.filter((value) => !allowed.has(value));
		if (unknown.length > 0) throw new Error(`select "${customId}" has no option(s) ${unknown.join(', ')}`);
	}
	const resolved: Json = {};
	for (const id of values) {
		const member = guild.members.get(id);
		if (member && [SelectType.User, SelectType.Mentionable].includes(select.type)) {
			(resolved.users ??= {})[id] = member.user;
			const { user: _user, ...rest } = member.toAPI();
			(resolved.members ??= {})[id] = { ...rest, permissions: member.permissions.toString() };
		}
		const role = guild.roles.get(id);
		if (role && [SelectType.Role, SelectType.Mentionable].includes(select.type)) (resolved.roles ??= {})[id] = role.toAPI();
		const channel = guild.channels.get(id);
		if (channel && select.type === SelectType.Channel) {
			(resolved.channels ??= {})[id] = {
				id,
				name: channel.name,
				type: channel.type,
				permissions: guild.botMember.permissionsIn(channel).toString()
			};
		}
	}
	return { custom_id: customId, component_type: select.type, values, ...(select.type === SelectType.String ? {} : { resolved }) };
}

/** Modal fields as Discord sends them, mirroring the modal the bot opened (labels or action rows); without one, one action row per text input. */
export function modalData(customId: string, fields: Record<string, string>, modal?: Json): Json {
	const submitted = (input: Json) => ({
		type: input.type,
		...(input.id === undefined ? {} : { id: input.id }),
		custom_id: input.custom_id,
		value: fields[input.custom_id] ?? ''
	});
	const components = modal
		? (modal.components as Json[]).map((top) =>
				top.type === 18
					? { type: 18, ...(top.id === undefined ? {} : { id: top.id }), component: submitted(top.component) }
					: { type: top.type, components: (top.components ?? []).map(submitted) }
			)
		: Object.entries(fields).map(([fieldId, value]) => ({ type: 1, components: [{ type: 4, custom_id: fieldId, value }] }));
	return { custom_id: customId, components };
}
