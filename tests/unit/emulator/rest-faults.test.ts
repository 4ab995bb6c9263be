import { expect } from 'chai';
import { DiscordAPIError, HTTPError, REST, Routes } from 'discord.js';
import { DiscordEmulator, RestFault, type EmulatedGuild } from '#emulator/index';

/** @discordjs/rest as discord.js builds it, pointed at the emulator (default retries: 3, offset 50 ms). */
function restClient(emu: DiscordEmulator): REST {
	return new REST({ api: emu.apiUrl, hashSweepInterval: 0, handlerSweepInterval: 0 }).setToken(emu.token);
}

async function rawRequest(emu: DiscordEmulator, method: string, path: string, body?: unknown) {
	const response = await fetch(`${emu.apiUrl}/v10${path}`, {
		method,
		headers: { authorization: `Bot ${emu.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { response, text: await response.text() };
}

describe('Discord emulator REST faults', () => {
	let emu: DiscordEmulator;
	let guild: EmulatedGuild;
	let rest: REST;

	before(async () => {
		emu = await DiscordEmulator.start({ voice: { dave: 'off' } });
		guild = emu.createGuild();
	});

	beforeEach(() => {
		rest = restClient(emu);
	});

	afterEach(() => emu.rest.clearFaults());

	after(async () => emu?.stop());

	/** Requests to `path` (compared URL-decoded: @discordjs/rest sends @me as %40me) since index `since` of the log. */
	const statusesOf = (path: string, since: number) => emu.requests.slice(since).filter((request) => decodeURIComponent(request.path) === path);

	describe('429 Too Many Requests', () => {
		it('GIVEN a route rate limit WHEN called THEN 429 with the bucket headers, Retry-After rounded up and Discord`s body; other routes answer', async () => {
			emu.rest.inject({ method: 'GET', path: '/users/@me', response: RestFault.rateLimited({ retryAfterSeconds: 1.25 }) });

			const { response, text } = await rawRequest(emu, 'GET', '/users/@me');
			const other = await rawRequest(emu, 'GET', '/applications/@me');

			expect(response.status).to.equal(429);
			expect(response.headers.get('retry-after')).to.equal('2');
			expect(response.headers.get('x-ratelimit-scope')).to.equal('user');
			expect(response.headers.get('x-ratelimit-remaining')).to.equal('0');
			expect(response.headers.get('x-ratelimit-reset-after')).to.equal('1.250');
			expect(Number(response.headers.get('x-ratelimit-reset'))).to.be.closeTo(Date.now() / 1000 + 1.25, 1);
			expect(response.headers.get('x-ratelimit-bucket')).to.be.a('string').and.not.equal('');
			expect(response.headers.has('x-ratelimit-global')).to.equal(false);
			expect(JSON.parse(text)).to.deep.equal({ message: 'You are being rate limited.', retry_after: 1.25, global: false });
			expect(other.response.status).to.equal(200);
		});

		it('GIVEN a global rate limit WHEN any route is called THEN 429 with X-RateLimit-Global, scope global and global: true in the body', async () => {
			emu.rest.rateLimit({ seconds: 5, scope: 'global' });

			const answers = await Promise.all([rawRequest(emu, 'GET', '/users/@me'), rawRequest(emu, 'GET', `/guilds/${guild.id}`)]);

			for (const { response, text } of answers) {
				expect(response.status).to.equal(429);
				expect(response.headers.get('x-ratelimit-global')).to.equal('true');
				expect(response.headers.get('x-ratelimit-scope')).to.equal('global');
				expect(response.headers.has('x-ratelimit-bucket')).to.equal(false);
				const body = JSON.parse(text);
				expect(body).to.include({ message: 'You are being rate limited.', global: true });
				expect(body.retry_after).to.be.within(4, 5);
				expect(Number(response.headers.get('retry-after'))).to.equal(Math.ceil(body.retry_after));
			}
		});

		it('GIVEN a route 429 with retry_after 1 s WHEN @discordjs/rest posts a message THEN it waits at least that long, retries once and succeeds', async () => {
			const path = `/channels/${guild.defaultTextChannel.id}/messages`;
			const fault = emu.rest.inject({ method: 'POST', path, response: RestFault.rateLimited({ retryAfterSeconds: 1 }) });
			const since = emu.requests.length;

			const message = (await rest.post(Routes.channelMessages(guild.defaultTextChannel.id), { body: { content: 'after the limit' } })) as {
				content: string;
			};

			const [limited, retried] = statusesOf(path, since);
			expect(message.content).to.equal('after the limit');
			expect(statusesOf(path, since).map((request) => request.status)).to.deep.equal([429, 200]);
			expect(fault.hits).to.have.length(1);
			expect(retried!.receivedAt - limited!.receivedAt, 'ms between the 429 and the retry').to.be.at.least(1000);
		});

		it('GIVEN a global 429 on one route WHEN @discordjs/rest calls another route meanwhile THEN that call too waits for the global reset', async () => {
			emu.rest.inject({ method: 'GET', path: '/users/@me', response: RestFault.rateLimited({ retryAfterSeconds: 1, scope: 'global' }) });
			const since = emu.requests.length;
			let limitedSeen!: () => void;
			const limitedArrived = new Promise<void>((resolve) => (limitedSeen = resolve));
			rest.on('response', (_request, response) => {
				if (response.status === 429) limitedSeen();
			});

			const first = rest.get(Routes.user('@me'));
			await limitedArrived;
			const second = rest.get(Routes.guild(guild.id));
			await Promise.all([first, second]);

			const limited = statusesOf('/users/@me', since)[0]!;
			const [other] = statusesOf(`/guilds/${guild.id}`, since);
			expect(limited.status).to.equal(429);
			expect(other!.status).to.equal(200);
			expect(other!.receivedAt - limited.receivedAt, 'ms between the global 429 and the other route').to.be.at.least(1000);
		});
	});

	describe('5xx', () => {
		it('GIVEN two 500s WHEN @discordjs/rest calls the route THEN it retries and the third attempt succeeds', async () => {
			emu.rest.inject({ method: 'GET', path: '/users/@me', times: 2, response: RestFault.serverError(500) });
			const since = emu.requests.length;

			const user = (await rest.get(Routes.user('@me'))) as { id: string };

			expect(user.id).to.equal(emu.botUser.id);
			expect(statusesOf('/users/@me', since).map((request) => request.status)).to.deep.equal([500, 500, 200]);
		});

		for (const status of [502, 503] as const) {
			it(`GIVEN a lasting ${status} WHEN @discordjs/rest calls the route THEN it tries 4 times (3 retries) and fails with an HTTPError ${status}`, async () => {
				const fault = emu.rest.inject({
					method: 'GET',
					path: '/users/@me',
					times: Number.POSITIVE_INFINITY,
					response: RestFault.serverError(status)
				});
				const since = emu.requests.length;

				const error = await rest.get(Routes.user('@me')).then(
					() => undefined,
					(caught: unknown) => caught
				);

				expect(error).to.be.instanceOf(HTTPError);
				expect((error as HTTPError).status).to.equal(status);
				expect(fault.hits).to.have.length(4);
				expect(statusesOf('/users/@me', since).map((request) => request.status)).to.deep.equal([status, status, status, status]);
			});
		}

		it('GIVEN a 502 WHEN read raw THEN it is Cloudflare`s HTML page, not JSON', async () => {
			emu.rest.inject({ path: '/users/@me', response: RestFault.serverError(502) });
			const { response, text } = await rawRequest(emu, 'GET', '/users/@me');
			expect(response.status).to.equal(502);
			expect(response.headers.get('content-type')).to.equal('text/html');
			expect(text).to.include('<h1>502 Bad Gateway</h1>').and.include('cloudflare');
		});
	});

	describe('Discord errors', () => {
		it('GIVEN Missing Permissions on sending messages WHEN @discordjs/rest posts THEN a DiscordAPIError 50013 (403), not retried', async () => {
			const path = `/channels/${guild.defaultTextChannel.id}/messages`;
			emu.rest.inject({ method: 'POST', path: /^\/channels\/\d+\/messages$/, response: RestFault.missingPermissions() });
			const since = emu.requests.length;

			const error = await rest
				.post(Routes.channelMessages(guild.defaultTextChannel.id), { body: { content: 'x' } })
				.catch((caught: unknown) => caught);

			expect(error).to.be.instanceOf(DiscordAPIError);
			expect(error).to.include({ code: 50013, status: 403, message: 'Missing Permissions' });
			expect(statusesOf(path, since)).to.have.length(1);
		});

		it('GIVEN skip 1 and times 2 WHEN a route is called four times THEN only the 2nd and 3rd get the fault', async () => {
			const fault = emu.rest.inject({ path: '/users/@me', skip: 1, times: 2, response: RestFault.missingAccess() });
			const statuses: number[] = [];
			for (let call = 0; call < 4; call++) statuses.push((await rawRequest(emu, 'GET', '/users/@me')).response.status);
			expect(statuses).to.deep.equal([200, 403, 403, 200]);
			expect(fault.active).to.equal(false);
		});
	});

	describe('interaction deadlines', () => {
		let fast: DiscordEmulator;
		let member: ReturnType<EmulatedGuild['addMember']>;

		before(async () => {
			fast = await DiscordEmulator.start({ voice: { dave: 'off' }, interactions: { responseWindowMs: 300, tokenLifetimeMs: 60_000 } });
			fast.commands.upsert({ name: 'ping', description: 'Replies pong', type: 1 });
			member = fast.createGuild().addMember({ username: 'alice' });
		});

		after(async () => fast?.stop());

		const callback = (client: REST, id: string, token: string, body: unknown) =>
			client.post(Routes.interactionCallback(id, token), { body, auth: false }).then(
				() => undefined,
				(caught: unknown) => caught
			);

		it('GIVEN a 300 ms response window WHEN the callback comes after it THEN 404 Unknown interaction (10062); in time it is accepted', async () => {
			const client = restClient(fast);
			const late = member.run('ping');
			const lateHandle = fast.interactions.sent.at(-1)!;
			const failure = await late.catch((caught: Error) => caught);
			const onTime = member.run('ping');
			const onTimeHandle = fast.interactions.sent.at(-1)!;

			const lateError = await callback(client, lateHandle.id, lateHandle.token, { type: 4, data: { content: 'too late' } });
			const onTimeError = await callback(client, onTimeHandle.id, onTimeHandle.token, { type: 4, data: { content: 'pong' } });

			expect(failure).to.be.instanceOf(Error);
			expect(lateError).to.be.instanceOf(DiscordAPIError);
			expect(lateError).to.include({ code: 10062, status: 404, message: 'Unknown interaction' });
			expect(onTimeError).to.equal(undefined);
			expect((await (await onTime).message()).content).to.equal('pong');
		});

		it('GIVEN a deferred interaction WHEN its token expires THEN editing @original fails with 401 Invalid Webhook Token (50027); before, it worked', async () => {
			const client = restClient(fast);
			const running = member.run('ping');
			const handle = fast.interactions.sent.at(-1)!;
			expect(await callback(client, handle.id, handle.token, { type: 5 })).to.equal(undefined);
			await running;
			const edit = (content: string) =>
				client.patch(Routes.webhookMessage(fast.applicationId, handle.token), { body: { content }, auth: false }).then(
					() => undefined,
					(caught: unknown) => caught
				);

			const before = await edit('in time');
			handle.expireToken();
			const after = await edit('too late');
			const followUp = await client
				.post(Routes.webhook(fast.applicationId, handle.token), { body: { content: 'follow-up' }, auth: false })
				.catch((caught: unknown) => caught);

			expect(before).to.equal(undefined);
			expect(after).to.be.instanceOf(DiscordAPIError);
			expect(after).to.include({ code: 50027, status: 401, message: 'Invalid Webhook Token' });
			expect(followUp).to.include({ code: 50027, status: 401 });
			expect(handle.messages.map((message) => message.content)).to.deep.equal(['in time']);
		});

		it('GIVEN a 200 ms token lifetime WHEN a follow-up comes after it THEN 401 (50027) without any test clock', async () => {
			fast.interactions.tokenLifetimeMs = 200;
			const client = restClient(fast);
			const running = member.run('ping');
			const handle = fast.interactions.sent.at(-1)!;
			await callback(client, handle.id, handle.token, { type: 4, data: { content: 'pong' } });
			await running;
			fast.interactions.tokenLifetimeMs = 60_000;
			await new Promise((resolve) => setTimeout(resolve, 250));

			const error = await client
				.post(Routes.webhook(fast.applicationId, handle.token), { body: { content: 'late follow-up' }, auth: false })
				.catch((caught: unknown) => caught);

			expect(error).to.include({ code: 50027, status: 401 });
		});

		it('GIVEN an Unknown interaction fault on the callback route WHEN the bot answers in time THEN it still gets 10062', async () => {
			const client = restClient(fast);
			fast.rest.inject({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, response: RestFault.unknownInteraction() });
			const running = member.run('ping').catch((caught: Error) => caught);
			const handle = fast.interactions.sent.at(-1)!;

			const error = await callback(client, handle.id, handle.token, { type: 4, data: { content: 'pong' } });

			expect(error).to.include({ code: 10062, status: 404 });
			expect(await running).to.be.instanceOf(Error);
			expect(handle.acknowledged).to.equal(false);
		});
	});
});
