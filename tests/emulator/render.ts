import type { Json } from './model/types.js';

/** Readable plain text of a message: content, embeds (author, title, description, fields, footer) and components ([Button], selects). */
export function renderMessage(message: Json): string {
	const lines: string[] = [];
	if (message.content) lines.push(String(message.content));
	for (const embed of (message.embeds ?? []) as Json[]) lines.push(...renderEmbed(embed));
	for (const component of (message.components ?? []) as Json[]) lines.push(...renderComponent(component));
	return lines.join('\n');
}

function renderEmbed(embed: Json): string[] {
	const lines = ['┃'];
	if (embed.author?.name) lines.push(`┃ ${embed.author.name}`);
	if (embed.title) lines.push(`┃ **${embed.title}**`);
	if (embed.description)
		lines.push(
			...String(embed.description)
				.split('\n')
				.map((line) => `┃ ${line}`)
		);
	for (const field of (embed.fields ?? []) as Json[]) lines.push(`┃ ${field.name}: ${field.value}`);
	if (embed.footer?.text) lines.push(`┃ — ${embed.footer.text}`);
	return lines;
}

function renderComponent(component: Json): string[] {
	switch (component.type) {
		case 1: {
			const parts = ((component.components ?? []) as Json[]).map(renderInline);
			return [parts.join(' ')];
		}
		case 10:
			return [String(component.content ?? '')];
		case 9:
			return [
				...((component.components ?? []) as Json[]).flatMap(renderComponent),
				...(component.accessory ? [renderInline(component.accessory)] : [])
			];
		case 17:
			return ((component.components ?? []) as Json[]).flatMap(renderComponent).map((line) => `│ ${line}`);
		case 14:
			return ['───'];
		default:
			return [renderInline(component)];
	}
}

function renderInline(component: Json): string {
	switch (component.type) {
		case 2: {
			const label = [component.emoji?.name, component.label].filter(Boolean).join(' ');
			return component.disabled ? `[${label}](disabled)` : `[${label}]`;
		}
		case 3: {
			const options = ((component.options ?? []) as Json[]).map((option) => (option.default ? `*${option.label}` : option.label)).join(' | ');
			return `<${component.placeholder ?? 'select'}: ${options}>`;
		}
		case 5:
		case 6:
		case 7:
		case 8:
			return `<${component.placeholder ?? 'select'}>`;
		case 11:
			return `(thumbnail)`;
		default:
			return `(component ${component.type})`;
	}
}
