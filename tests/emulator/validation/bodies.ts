import {
	ApplicationCommandAutocompleteCallbackRequestSchema,
	CreateMessageInteractionCallbackRequestSchema,
	IncomingWebhookInteractionRequestSchema,
	IncomingWebhookUpdateForInteractionCallbackRequestPartialSchema,
	MessageCreateRequestSchema,
	MessageEditRequestPartialSchema,
	ModalInteractionCallbackRequestSchema,
	UpdateMessageInteractionCallbackRequestSchema
} from 'discord-api-spec/zod';
import { issue, type ValidationIssue } from './issues.js';
import { autocompleteRules, messageRules } from './messages.js';
import { checkSchema } from './spec.js';

type Json = Record<string, any>;

/** POST /interactions/:id/:token/callback, by callback type. */
export function validateInteractionCallback(body: Json): ValidationIssue[] {
	switch (body?.type) {
		case 4:
			return [
				...checkSchema(CreateMessageInteractionCallbackRequestSchema, body),
				...messageRules(body.data ?? {}, ['data'], { requireContent: true })
			];
		case 5:
			return checkSchema(CreateMessageInteractionCallbackRequestSchema, body);
		case 6:
		case 7:
			return [...checkSchema(UpdateMessageInteractionCallbackRequestSchema, body), ...messageRules(body.data ?? {}, ['data'])];
		case 8:
			return [...checkSchema(ApplicationCommandAutocompleteCallbackRequestSchema, body), ...autocompleteRules(body.data, ['data'])];
		case 9:
			return checkSchema(ModalInteractionCallbackRequestSchema, body);
		default:
			return [issue(['type'], 'BASE_TYPE_CHOICES', `Value must be one of (4, 5, 6, 7, 8, 9).`)];
	}
}

/** POST /webhooks/:app/:token (interaction follow-up). */
export function validateFollowUp(body: Json): ValidationIssue[] {
	return [...checkSchema(IncomingWebhookInteractionRequestSchema, body), ...messageRules(body, [], { requireContent: true })];
}

/** PATCH /webhooks/:app/:token/messages/:id. */
export function validateWebhookEdit(body: Json): ValidationIssue[] {
	return [...checkSchema(IncomingWebhookUpdateForInteractionCallbackRequestPartialSchema, body), ...messageRules(body)];
}

/** POST /channels/:id/messages. */
export function validateMessageCreate(body: Json): ValidationIssue[] {
	return [...checkSchema(MessageCreateRequestSchema, body), ...messageRules(body, [], { requireContent: true })];
}

/** PATCH /channels/:id/messages/:id. */
export function validateMessageEdit(body: Json): ValidationIssue[] {
	return [...checkSchema(MessageEditRequestPartialSchema, body), ...messageRules(body)];
}

/** PUT /channels/:id/voice-status. */
export function validateVoiceStatus(body: Json): ValidationIssue[] {
	if (typeof body?.status !== 'string' && body?.status !== null) return [issue(['status'], 'BASE_TYPE_REQUIRED', 'This field is required')];
	if (typeof body.status === 'string' && body.status.length > 500)
		return [issue(['status'], 'BASE_TYPE_MAX_LENGTH', 'Must be 500 or fewer in length.')];
	return [];
}
