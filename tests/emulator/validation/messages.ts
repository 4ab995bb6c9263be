import { issue, type ValidationIssue } from './issues.js';

type Path = readonly (string | number)[];
type Json = Record<string, any>;

const IsComponentsV2 = 1 << 15;
const ActionRow = 1;
const Button = 2;
const LinkButton = 5;
const PremiumButton = 6;

/** Limits Discord enforces on message bodies beyond the schema: content, embeds, classic components. */
export function messageRules(body: Json, path: Path = [], { requireContent = false } = {}): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (typeof body.content === 'string' && body.content.length > 2000)
		issues.push(issue([...path, 'content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.'));
	if (Array.isArray(body.embeds)) issues.push(...embedRules(body.embeds, [...path, 'embeds']));
	if (Array.isArray(body.components) && ((body.flags ?? 0) & IsComponentsV2) === 0)
		issues.push(...componentRules(body.components, [...path, 'components']));
	if (requireContent && isEmptyMessage(body)) issues.push(issue(path, 'MESSAGE_EMPTY', 'Cannot send an empty message'));
	return issues;
}

function isEmptyMessage(body: Json): boolean {
	const has = (value: unknown) =>
		Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.length > 0 : value !== undefined && value !== null;
	return !has(body.content) && !has(body.embeds) && !has(body.components) && !has(body.attachments) && !has(body.poll) && !has(body.sticker_ids);
}

function embedRules(embeds: Json[], path: Path): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (embeds.length > 10) issues.push(issue(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.'));
	let total = 0;
	const limit = (value: unknown, max: number, at: Path, min = 0) => {
		if (typeof value !== 'string') return;
		total += value.length;
		if (value.length > max || value.length < min) issues.push(issue(at, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`));
	};
	embeds.forEach((embed, index) => {
		const at = [...path, index];
		limit(embed.title, 256, [...at, 'title']);
		limit(embed.description, 4096, [...at, 'description']);
		limit(embed.footer?.text, 2048, [...at, 'footer', 'text']);
		limit(embed.author?.name, 256, [...at, 'author', 'name']);
		const fields: Json[] = Array.isArray(embed.fields) ? embed.fields : [];
		if (fields.length > 25) issues.push(issue([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
		fields.forEach((field, fieldIndex) => {
			limit(field.name, 256, [...at, 'fields', fieldIndex, 'name'], 1);
			limit(field.value, 1024, [...at, 'fields', fieldIndex, 'value'], 1);
		});
	});
	if (total > 6000) issues.push(issue(path, 'MESSAGE_EMBEDS_TOO_LARGE', `Embed size exceeds maximum size of 6000 (${total})`));
	return issues;
}

function componentRules(rows: Json[], path: Path): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (rows.length > 5) issues.push(issue(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.'));
	rows.forEach((row, rowIndex) => {
		const at = [...path, rowIndex];
		if (row.type !== ActionRow) {
			issues.push(
				issue([...at, 'type'], 'COMPONENT_LAYOUT_INVALID', 'Top-level components must be action rows without the IS_COMPONENTS_V2 flag')
			);
			return;
		}
		const children: Json[] = Array.isArray(row.components) ? row.components : [];
		const buttons = children.filter((child) => child.type === Button);
		if (buttons.length > 5) issues.push(issue([...at, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.'));
		if (buttons.length !== children.length && children.length > 1) {
			issues.push(issue([...at, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'A select menu must be alone in its action row'));
		}
		children.forEach((child, index) => issues.push(...interactiveRules(child, [...at, 'components', index])));
	});
	return issues;
}

function interactiveRules(component: Json, path: Path): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (typeof component.custom_id === 'string' && (component.custom_id.length < 1 || component.custom_id.length > 100)) {
		issues.push(issue([...path, 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
	}
	if (component.type === Button) {
		const needsUrl = component.style === LinkButton;
		if (needsUrl && (typeof component.url !== 'string' || component.custom_id))
			issues.push(issue(path, 'BUTTON_COMPONENT_URL_REQUIRED', 'Link buttons need a url and no custom_id'));
		if (!needsUrl && component.style !== PremiumButton && typeof component.custom_id !== 'string') {
			issues.push(issue([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required'));
		}
		if (component.style !== PremiumButton && !component.label && !component.emoji)
			issues.push(issue(path, 'BUTTON_COMPONENT_LABEL_REQUIRED', 'A label or emoji is required'));
	}
	return issues;
}

/** Autocomplete results: at most 25 choices, names 1–100 characters, string values at most 100. */
export function autocompleteRules(data: Json | undefined, path: Path): ValidationIssue[] {
	const choices: unknown = data?.choices;
	if (!Array.isArray(choices)) return [];
	const issues: ValidationIssue[] = [];
	if (choices.length > 25) issues.push(issue([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
	choices.forEach((choice: Json, index) => {
		if (typeof choice?.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) {
			issues.push(issue([...path, 'choices', index, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
		}
		if (typeof choice?.value === 'string' && choice.value.length > 100) {
			issues.push(issue([...path, 'choices', index, 'value'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
		}
	});
	return issues;
}
