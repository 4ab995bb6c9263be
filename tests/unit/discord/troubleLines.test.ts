import { expect } from 'chai';
import { gatewayTrouble } from '#lib/discord/gatewayTrouble';
import { restTrouble } from '#lib/discord/restTrouble';

/** discord.js's debug text as WebSocketManager#debug formats @discordjs/ws's messages. */
const debug = (...lines: string[]) => `[WS => Shard 0] ${lines.join('\n\t')}`;
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('gatewayTrouble', () => {
	it('GIVEN the debug text of op 7, a zombie connection and a close code WHEN read THEN each gives the reason, code and recovery', () => {
		expect(gatewayTrouble(debug('Destroying shard', 'Reason: Told to reconnect by Discord', 'Code: 4200', 'Recover: Resume'))).to.deep.equal({
			level: 'warn',
			message: 'gateway connection closed',
			fields: { shardId: 0, reason: 'Told to reconnect by Discord', code: 4200, recover: 'Resume' }
		});
		expect(gatewayTrouble(debug('Destroying shard', 'Reason: Zombie connection', 'Code: 4200', 'Recover: Resume'))?.fields).to.include({
			reason: 'Zombie connection'
		});
		expect(gatewayTrouble(debug('Destroying shard', 'Reason: none', 'Code: 4009', 'Recover: Resume'))?.fields).to.include({ code: 4009 });
	});

	it('GIVEN op 9 and a resume WHEN read THEN they say whether the session may resume and how many events came back', () => {
		expect(gatewayTrouble(debug('Invalid session; will attempt to resume: false'))?.fields).to.deep.equal({ shardId: 0, resumable: false });
		expect(gatewayTrouble(debug('Resumed and replayed 4 events'))).to.deep.include({ level: 'info', fields: { shardId: 0, replayed: 4 } });
	});

	it('GIVEN heartbeats and other chatter WHEN read THEN nothing is logged', () => {
		expect(gatewayTrouble('[WS => Shard 0] Heartbeat acknowledged, latency of 3ms.')).to.equal(null);
		expect(gatewayTrouble('Destroying shard')).to.equal(null);
	});
});

describe('restTrouble', () => {
	const exchange = { method: 'PATCH', route: '/webhooks/:id/:token/messages/@original', retries: 0 };

	it('GIVEN a route 429 and a global 429 WHEN read THEN the line names the route, the scope and retry_after', () => {
		const route = restTrouble({ ...exchange, status: 429, headers: headers({ 'retry-after': '2', 'x-ratelimit-scope': 'user' }) }, 3);
		expect(route?.fields).to.deep.include({ status: 429, global: false, scope: 'user', retryAfterSeconds: 2, route: exchange.route });
		const global = restTrouble({ ...exchange, status: 429, headers: headers({ 'retry-after': '1', 'x-ratelimit-global': 'true' }) }, 3);
		expect(global?.message).to.include('global');
	});

	it('GIVEN 5xx answers WHEN read THEN the line says whether @discordjs/rest retries', () => {
		expect(restTrouble({ ...exchange, status: 502, headers: headers({}) }, 3)?.fields).to.include({ willRetry: true });
		expect(restTrouble({ ...exchange, retries: 3, status: 503, headers: headers({}) }, 3)?.fields).to.include({ willRetry: false });
	});

	it('GIVEN a success or a 4xx (the caller logs those) WHEN read THEN nothing', () => {
		expect(restTrouble({ ...exchange, status: 200, headers: headers({}) }, 3)).to.equal(null);
		expect(restTrouble({ ...exchange, status: 403, headers: headers({}) }, 3)).to.equal(null);
	});
});
