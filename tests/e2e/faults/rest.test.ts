import { expect } from 'chai';
import { renderMessage, RestFault, type InteractionHandle } from '#emulator/index';
import { Radio, Setup } from '#lib/i18n/keys/index';
import type { BotResources } from '#support/botResources';
import { en } from '#support/en';
import type { RadioWorld, WorldGuild } from '#support/RadioWorld';
import { recordReliability } from '#support/reliability';
import { waitFor } from '#support/waitFor';
import {
	addAdmin,
	AudioMeter,
	expectNothingLeft,
	expectSessionRecord,
	leaveEverywhere,
	logSince,
	PacketsPerSecond,
	playAndHear,
	startFaultWorld,
	stopPlaying
} from './faultKit.js';

const family = 'rest';
/** The edit of a deferred reply ("Now playing …"), as the emulator logs its path. */
const OriginalReply = /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
const InteractionCallback = /^\/interactions\/\d+\/[^/]+\/callback$/;
const WizardTimeoutSeconds = 3;

/**
 * Discord's REST API answers the bot with the errors it really sends: rate limits, server errors, interactions and tokens
 * that expired, permissions taken away. Each case uses its own server, so it stands alone.
 */
describe('GIVEN the bot in servers WHEN Discord’s REST API fails its requests', () => {
	let world: RadioWorld;
	let idle: BotResources;

	before(async () => {
		({ world, idle } = await startFaultWorld({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 9,
			config: { setup: { wizard_timeout_seconds: WizardTimeoutSeconds } }
		}));
	});

	afterEach(() => leaveEverywhere(world));

	after(() => world?.stop());

	/** Requests to paths matching `path` (URL-decoded: @original is sent as %40original) since index `from` of the emulator's log. */
	const requestsTo = (path: RegExp, from: number, method?: string) =>
		world.emu.requests.slice(from).filter((request) => path.test(decodeURIComponent(request.path)) && (!method || request.method === method));

	/** /radio play in the guild's Lounge; the handle of the interaction (its reply comes as edits). */
	async function play({ member, lounge }: WorldGuild): Promise<InteractionHandle> {
		await member.joinVoice(lounge);
		return member.run('radio play', { station: 'sine' });
	}

	/** The warning for an interaction Discord no longer takes answers to, with its code. */
	const expiredInteraction = (code: number) => (entry: Record<string, unknown>) =>
		entry.msg === 'interaction expired before the answer reached Discord' && entry.code === code;

	const nowPlaying = (place: WorldGuild) => en(Radio.PlayNowPlaying, { station: 'Test Tone', channel: `<#${place.lounge.id}>` });

	it('WHEN the reply’s edit gets a route 429 with retry_after 1.5 s THEN the bot waits it out, the member sees Now playing, and the log names the limit', async () => {
		const place = world.guilds[0]!;
		const from = world.emu.requests.length;
		const logs = world.bot.logs.length;
		const fault = world.emu.rest.inject({ method: 'PATCH', path: OriginalReply, response: RestFault.rateLimited({ retryAfterSeconds: 1.5 }) });

		const reply = await play(place);
		expect(renderMessage(await reply.waitFor((message) => renderMessage(message).includes(nowPlaying(place)), 30_000))).to.include(
			nowPlaying(place)
		);

		const [limited, retried] = requestsTo(OriginalReply, from, 'PATCH');
		expect(fault.hits).to.have.lengthOf(1);
		expect([limited!.status, retried!.status]).to.deep.equal([429, 200]);
		const waitedMs = retried!.receivedAt - limited!.receivedAt;
		expect(waitedMs, 'the retry came after retry_after').to.be.at.least(1_400);
		const line = await logSince(
			world,
			logs,
			(entry) => entry.status === 429 && decodeURIComponent(String(entry.route)) === '/webhooks/:id/:token/messages/@original'
		);
		expect(line).to.include({ global: false, retryAfterSeconds: 2 });
		await new AudioMeter(world, place.guild).until(PacketsPerSecond, 20_000);
		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: '429, route limit',
			injected: '429 with retry_after 1.5 s (X-RateLimit headers, scope user) on the edit of the deferred /radio play reply',
			behaviour: 'waited out retry_after, retried once: the member saw Now playing, the station played; warn line with route and retry_after',
			recoveryMs: waitedMs
		});
	});

	it('WHEN a global 429 (retry_after 1.5 s) hits THEN every request waits for it, the member still sees Now playing, and the log names the global limit', async () => {
		const place = world.guilds[1]!;
		const from = world.emu.requests.length;
		const logs = world.bot.logs.length;
		world.emu.rest.inject({ method: 'PATCH', path: OriginalReply, response: RestFault.rateLimited({ retryAfterSeconds: 1.5, scope: 'global' }) });

		const reply = await play(place);
		await reply.waitFor((message) => renderMessage(message).includes(nowPlaying(place)), 30_000);
		const [limited, retried] = requestsTo(OriginalReply, from, 'PATCH');
		expect([limited!.status, retried!.status]).to.deep.equal([429, 200]);
		const waitedMs = retried!.receivedAt - limited!.receivedAt;
		expect(waitedMs, 'the retry came after retry_after').to.be.at.least(1_400);
		// Authenticated requests (the voice channel status, the now-playing card) waited for the global reset too: none arrived
		// between the moment the bot knew of the limit (its log line) and the reset. One sent before the 429 came back may.
		const line = await logSince(world, logs, (entry) => entry.status === 429 && entry.global === true);
		const knewAt = Date.parse(String(line.time));
		const during = world.emu.requests
			.slice(from)
			.filter((request) => request.receivedAt > knewAt && request.receivedAt < limited!.receivedAt + 1_400 && !request.faulted);
		expect(
			during.filter((request) => !InteractionCallback.test(request.path) && !request.path.startsWith('/webhooks/')),
			'bot-token requests during the global limit'
		).to.deep.equal([]);
		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: '429, global limit',
			injected: '429 with X-RateLimit-Global and retry_after 1.5 s',
			behaviour:
				'held every bot-token request until the reset, then retried: Now playing shown, the station played; warn line "global rate limit"',
			recoveryMs: waitedMs
		});
	});

	it('WHEN the reply’s edit gets two 502s THEN the bot retries, the member sees Now playing, and each 502 is logged', async () => {
		const place = world.guilds[2]!;
		const from = world.emu.requests.length;
		const logs = world.bot.logs.length;
		world.emu.rest.inject({ method: 'PATCH', path: OriginalReply, times: 2, response: RestFault.serverError(502) });

		const reply = await play(place);
		await reply.waitFor((message) => renderMessage(message).includes(nowPlaying(place)), 30_000);
		const edits = requestsTo(OriginalReply, from, 'PATCH');
		expect(edits.map((request) => request.status)).to.deep.equal([502, 502, 200]);
		await logSince(world, logs, (entry) => entry.status === 502 && entry.willRetry === true && entry.retries === 1);
		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: '5xx, transient',
			injected: 'two 502 (Cloudflare HTML) on the edit of the /radio play reply',
			behaviour: 'retried: the third attempt showed Now playing; each 502 logged with the route',
			recoveryMs: edits.at(-1)!.receivedAt - edits[0]!.receivedAt
		});
	});

	it('WHEN setting the voice channel status gets 503 for 10 s THEN the radio plays on, the failure is logged, and nothing else is affected', async () => {
		const place = world.guilds[3]!;
		const logs = world.bot.logs.length;
		world.emu.rest.inject({ method: 'PUT', path: /\/voice-status$/, forMs: 10_000, response: RestFault.serverError(503) });

		await playAndHear(world, place, 'sine');
		const line = await logSince(world, logs, (entry) => entry.msg === 'voice channel status not set');
		expect(JSON.stringify(line.err)).to.include('503');
		const packets = await new AudioMeter(world, place.guild).until(2 * PacketsPerSecond, 20_000);
		await expectSessionRecord(world, place.guild.id, { stationId: 'test-tone', channelId: place.lounge.id });
		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: '5xx, lasting',
			injected: '503 (proxy overflow) on every voice channel status update for 10 s',
			behaviour: `retried 3 times, then gave up on the status only (warn "voice channel status not set"); audio went on (2 s heard in ${packets} ms)`,
			recoveryMs: null
		});
	});

	it('WHEN /radio stop’s reply gets 10062 Unknown interaction THEN the radio still stops, the bot stays up, and the log names 10062', async () => {
		const place = world.guilds[4]!;
		await playAndHear(world, place, 'sine');
		const logs = world.bot.logs.length;
		world.emu.rest.inject({ method: 'POST', path: InteractionCallback, response: RestFault.unknownInteraction() });

		const from = world.emu.requests.length;
		await place.member.run('radio stop').catch(() => undefined);
		await waitFor(() => !place.guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave', 15_000);
		const line = await logSince(world, logs, expiredInteraction(10062));
		await expectSessionRecord(world, place.guild.id, null);
		expect(requestsTo(InteractionCallback, from).length, 'no second answer to an interaction Discord refused').to.equal(1);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: '10062 Unknown interaction',
			injected: '404 10062 on the callback of /radio stop',
			behaviour: `the stop happened (left voice, session record deleted); warn "${line.msg}" with code 10062; no second answer tried`,
			recoveryMs: null
		});
	});

	it('WHEN the bot answers /radio play after the 3 s window THEN Discord refuses it, nothing starts half-way, the bot stays up and logs it', async () => {
		const place = world.guilds[5]!;
		const logs = world.bot.logs.length;
		const from = world.emu.requests.length;
		// Every answer is late: the window closes 1 ms after the interaction is sent.
		world.emu.interactions.responseWindowMs = 1;
		try {
			await play(place).then(
				() => expect.fail('the interaction should have failed'),
				(error: Error) => expect(error.message).to.include('interaction failed')
			);
			const line = await logSince(world, logs, expiredInteraction(10062));
			expect(
				requestsTo(InteractionCallback, from).map((request) => request.status),
				'one late answer, refused'
			).to.deep.equal([404]);
			// Give a wrongly continuing playback time to show up.
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			expect(place.guild.voiceStates.get(world.emu.botUser.id)?.channelId ?? null, 'no voice join').to.equal(null);
			await expectNothingLeft(world, idle);
			recordReliability({
				family,
				case: 'answered after the 3 s window',
				injected: 'the 3 s response window closed before the bot’s deferral (the callback gets 404 10062)',
				behaviour: `nothing started (no join, no ffmpeg); warn "${line.msg}" with code 10062; no second answer tried`,
				recoveryMs: null
			});
		} finally {
			world.emu.interactions.responseWindowMs = 3_000;
		}
	});

	it('WHEN the reply’s edit gets 401 50027 (token past 15 min) THEN the station plays anyway and the log names 50027', async () => {
		const place = world.guilds[6]!;
		const logs = world.bot.logs.length;
		world.emu.rest.inject({ method: 'PATCH', path: OriginalReply, times: 3, response: RestFault.invalidWebhookToken() });

		const from = world.emu.requests.length;
		await play(place);
		const line = await logSince(world, logs, expiredInteraction(50027));
		expect(requestsTo(OriginalReply, from, 'PATCH').length, 'no second edit with the dead token').to.equal(1);
		await new AudioMeter(world, place.guild).until(PacketsPerSecond, 20_000);
		await expectSessionRecord(world, place.guild.id, { stationId: 'test-tone', channelId: place.lounge.id });
		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: 'edit after the 15 min token',
			injected: '401 50027 Invalid Webhook Token on the edit of the /radio play reply',
			behaviour: `the station played and was saved for resume; warn "${line.msg}" with code 50027; no second edit tried`,
			recoveryMs: null
		});
	});

	it('WHEN an abandoned /setup wizard times out after its interaction token expired THEN the bot logs 50027, saves nothing and forgets the wizard', async () => {
		const place = world.guilds[7]!;
		const admin = addAdmin(place);
		const logs = world.bot.logs.length;
		const wizard = await admin.run('setup wizard');
		expect(renderMessage(await wizard.message())).to.include(en(Setup.WizardTitle, { step: 1, steps: 7 }));
		wizard.expireToken();

		const line = await logSince(
			world,
			logs,
			(entry) => entry.msg === 'could not mark the setup wizard as timed out',
			WizardTimeoutSeconds * 1_000 + 20_000
		);
		expect(JSON.stringify(line.err)).to.include('50027');
		const settings = await world.withSettings((store) => store.guild(place.guild.id));
		expect(settings.language).to.equal(null);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: 'follow-up after the 15 min token',
			injected: 'the wizard’s interaction token expired before its timeout edit (401 50027)',
			behaviour: 'the timeout edit failed and was logged with 50027; the wizard was forgotten; nothing saved',
			recoveryMs: null
		});
	});

	it('WHEN setting the voice channel status gets 403 50013 Missing Permissions THEN the radio plays on and the log names 50013', async () => {
		const place = world.guilds[8]!;
		const logs = world.bot.logs.length;
		world.emu.rest.inject({ method: 'PUT', path: /\/voice-status$/, times: 10, response: RestFault.missingPermissions() });

		await playAndHear(world, place, 'sine');
		const line = await logSince(world, logs, (entry) => entry.msg === 'voice channel status not set');
		expect(JSON.stringify(line.err)).to.include('50013');
		await new AudioMeter(world, place.guild).until(2 * PacketsPerSecond, 20_000);
		await stopPlaying(world, place);
		await expectNothingLeft(world, idle);
		recordReliability({
			family,
			case: '50013 Missing Permissions',
			injected: '403 50013 on the voice channel status update',
			behaviour: 'no retry (a 403 is final); warn "voice channel status not set" with 50013; audio went on',
			recoveryMs: null
		});
	});
});
