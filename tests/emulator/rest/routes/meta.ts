import type { Router } from '../Router.js';
import { ok } from '../types.js';

/** Identity and gateway discovery: what discord.js asks before it connects. */
export function addMetaRoutes(router: Router): void {
	// Recommended shards and the session start limit (remaining drops per IDENTIFY) come from the gateway's options.
	router.add('GET', '/gateway/bot', ({ emulator }) => ok(emulator.gateway.gatewayBot()));
	router.add('GET', '/gateway', ({ emulator }) => ok({ url: emulator.gatewayUrl }));
	router.add('GET', '/users/@me', ({ emulator }) =>
		ok({ ...emulator.botUser, mfa_enabled: false, verified: true, locale: 'en-US', premium_type: 0 })
	);
	router.add('GET', '/applications/@me', ({ emulator }) => ok(emulator.applicationObject()));
	router.add('GET', '/oauth2/applications/@me', ({ emulator }) => ok(emulator.applicationObject()));
}
