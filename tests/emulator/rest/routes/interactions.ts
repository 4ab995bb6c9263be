import { validateFollowUp, validateInteractionCallback, validateWebhookEdit } from '../../validation/bodies.js';
import { HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { noContent, ok } from '../types.js';

/** Interaction callbacks and the interaction webhook (follow-ups, @original and follow-up edits); authenticated by the interaction token. */
export function addInteractionRoutes(router: Router): void {
	const byToken = { requiresBotToken: false };
	router.add(
		'POST',
		'/interactions/:interactionId/:token/callback',
		({ emulator, params, query, body }) => {
			const issues = validateInteractionCallback(body);
			if (issues.length > 0) throw HttpError.invalidForm(issues);
			return emulator.interactions.responses.callback(params.interactionId!, params.token!, body, query.get('with_response') === 'true');
		},
		byToken
	);
	router.add(
		'POST',
		'/webhooks/:applicationId/:token',
		({ emulator, params, body }) => {
			const issues = validateFollowUp(body);
			if (issues.length > 0) throw HttpError.invalidForm(issues);
			return ok(emulator.interactions.responses.followUp(params.applicationId!, params.token!, body));
		},
		byToken
	);
	const message = '/webhooks/:applicationId/:token/messages/:messageId';
	router.add(
		'GET',
		message,
		({ emulator, params }) => ok(emulator.interactions.responses.getMessage(params.applicationId!, params.token!, params.messageId!)),
		byToken
	);
	router.add(
		'PATCH',
		message,
		({ emulator, params, body }) => {
			const issues = validateWebhookEdit(body);
			if (issues.length > 0) throw HttpError.invalidForm(issues);
			return ok(emulator.interactions.responses.editMessage(params.applicationId!, params.token!, params.messageId!, body));
		},
		byToken
	);
	router.add(
		'DELETE',
		message,
		({ emulator, params }) => {
			emulator.interactions.responses.deleteMessage(params.applicationId!, params.token!, params.messageId!);
			return noContent();
		},
		byToken
	);
}
