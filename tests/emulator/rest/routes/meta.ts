import type { Router } from '../Router.js';
import { ok } from '../types.js';

/** Identity and gateway discovery: what discord.js asks before it connects. */
export function addMetaRoutes(router: Router): void {
	router.add('GET', '/gateway/bot', ({ emulator }) =>
		ok({ url: emulator.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } })
	);
	router.add('GET', '/gateway', ({ emulator }) => ok({ url: emulator.gatewayUrl }));
	router.add('GET', '/users/@me', ({ emulator }) =>
		ok({ ...emulator.botUser, mfa_enabled: false, verified: true, locale: 'en-US', premium_type: 0 })
	);
	router.add('GET', '/applications/@me', ({ emulator }) => ok(emulator.applicationObject()));
	router.add('GET', '/oauth2/applications/@me', ({ emulator }) => ok(emulator.applicationObject()));
}
