import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { Radio } from '#lib/i18n/keys/index';
import { reasonKey, type StreamFailureReason } from '#lib/i18n/keys/Stream';
import type { BotResources } from '#support/botResources';
import { en } from '#support/en';
import type { RadioWorld, WorldGuild } from '#support/RadioWorld';
import { recordReliability, stopwatch } from '#support/reliability';
import { StreamFaultServer } from '#support/StreamFaultServer';
import { makeAudioFixtures, type AudioFixtures } from '#support/streamFixtures';
import { TlsFaultServer } from '#support/TlsFaultServer';
import { waitFor } from '#support/waitFor';
import { expectNothingLeft, leaveEverywhere, logSince, startFaultWorld } from './faultKit.js';

const family = 'streams';

/** A station that cannot start: the preflight refuses it, and the member is told why in words. */
const refused = [
	{ alias: 'trickle', name: 'Trickle FM', path: '/trickle.mp3', reason: 'timeout', injected: 'headers at once, then one byte of MP3 a second' },
	{
		alias: 'endless',
		name: 'Endless Headers FM',
		path: '/endless-headers',
		reason: 'unreachable',
		injected: 'header lines without end (1 KiB every 10 ms)'
	},
	{ alias: 'huge', name: 'Huge Playlist FM', path: '/huge.m3u', reason: 'too-large', injected: 'a 50 MiB M3U playlist' },
	{ alias: 'loop', name: 'Redirect Loop FM', path: '/loop/a', reason: 'too-many-redirects', injected: '302s between two paths for ever' },
	{ alias: 'tls', name: 'Bad Certificate FM', path: null, reason: 'unreachable', injected: 'https with a self-signed certificate' }
] as const satisfies readonly { alias: string; name: string; path: string | null; reason: StreamFailureReason; injected: string }[];

/** Stations whose bytes look like audio until ffmpeg tries to decode them. */
const undecodable = [
	{ alias: 'noise', name: 'Noise AAC FM', path: '/undecodable.aac', injected: 'ADTS frames that sniff as AAC with noise for payload' },
	{ alias: 'celt', name: 'CELT FM', path: '/celt.ogg', injected: 'a valid Ogg stream of CELT (identified, no decoder)' },
	{ alias: 'switch', name: 'Switching FM', path: '/switch.mp3', injected: 'MP3 for 2 s, then AAC on the same connection' }
] as const;

/**
 * Stations that lie or misbehave: each one is played in its own server. The bot must say why in the member's words,
 * log the reason, stay up, and hold nothing afterwards.
 */
describe('GIVEN stations that misbehave WHEN a member plays them', () => {
	let world: RadioWorld;
	let idle: BotResources;
	let audio: AudioFixtures;
	let faults: StreamFaultServer;
	let tls: TlsFaultServer;
	let nextGuild = 0;
	const place = () => world.guilds[nextGuild++]!;

	before(async () => {
		audio = await makeAudioFixtures();
		faults = await StreamFaultServer.start({ audio });
		tls = await TlsFaultServer.start('untrusted');
		({ world, idle } = await startFaultWorld({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: refused.length + undecodable.length,
			extraStations: () =>
				Promise.resolve(
					Object.fromEntries(
						[...refused, ...undecodable].map(({ alias, name, path }) => [name, { alias, url: path ? faults.url(path) : tls.url() }])
					)
				),
			config: { voice: { restart_attempts: 2, restart_max_delay_seconds: 1 } }
		}));
	});

	afterEach(() => leaveEverywhere(world));

	after(async () => {
		await world?.stop();
		await faults?.stop();
		await tls?.stop();
		audio?.remove();
	});

	async function playIn({ member, lounge }: WorldGuild, alias: string) {
		await member.joinVoice(lounge);
		return member.run('radio play', { station: alias });
	}

	for (const { alias, name, reason, injected } of refused) {
		it(`WHEN the station sends ${injected} THEN the bot refuses it in words (${reason}), logs the reason and holds nothing`, async () => {
			const here = place();
			const logs = world.bot.logs.length;
			const elapsed = stopwatch();
			const reply = await playIn(here, alias);
			const expected = en(Radio.PreflightFailed, { station: name, reason: en(reasonKey(reason)) });
			const message = await reply.waitFor((candidate) => renderMessage(candidate).includes(expected), 30_000);
			const answeredMs = elapsed();
			expect(renderMessage(message)).to.include(expected);
			const line = await logSince(world, logs, (entry) => entry.msg === 'preflight failed' && entry.guildId === here.guild.id);
			expect(line.reason).to.equal(reason);
			expect(here.guild.voiceStates.get(world.emu.botUser.id)?.channelId ?? null, 'the bot stayed out of voice').to.equal(null);
			await expectNothingLeft(world, idle);
			recordReliability({
				family,
				case: name.replace(/ FM$/, ''),
				injected,
				behaviour: `refused before joining: "${en(reasonKey(reason))}" (preflight ${reason}, logged with the detail "${String(line.detail)}"); nothing held`,
				recoveryMs: answeredMs
			});
		});
	}

	for (const { alias, name, injected } of undecodable) {
		it(`WHEN the station sends ${injected} THEN the bot says it stopped, leaves, and no ffmpeg is left`, async () => {
			const here = place();
			const logs = world.bot.logs.length;
			const elapsed = stopwatch();
			const reply = await playIn(here, alias);
			const first = renderMessage(await reply.message());
			// Either the preflight already sees it (in words), or playback starts and the pipeline gives up (a notice).
			const refusedText = en(Radio.PreflightFailed, { station: name, reason: '' }).split(':')[0]!;
			let behaviour: string;
			if (first.includes(refusedText)) {
				const line = await logSince(world, logs, (entry) => entry.msg === 'preflight failed' && entry.guildId === here.guild.id);
				behaviour = `refused before joining (preflight ${String(line.reason)}: ${String(line.detail)})`;
			} else {
				const notice = await waitFor(
					() =>
						here.guild
							.channelMessages(here.guild.defaultTextChannel.id)
							.find((candidate) => renderMessage(candidate).includes(en(Radio.NoticeStationDead, { station: name }))),
					'the station-dead notice',
					90_000,
					500
				);
				expect(renderMessage(notice)).to.include('Test Tone');
				await waitFor(() => !here.guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave', 15_000);
				const ended = await logSince(world, logs, (entry) => entry.msg === 'session ended' && entry.guildId === here.guild.id);
				const gaveUp = await logSince(world, logs, (entry) => entry.msg === 'station stays down: giving up');
				const restarts = world.bot.logs.slice(logs).filter((entry) => entry.msg === 'stream ended: restarting').length;
				expect(restarts, 'ffmpeg restarted before giving up').to.be.at.least(1);
				behaviour = `played; ffmpeg failed ${restarts + 1} times ("${String(gaveUp.reason).slice(0, 120)}", logged), then the "stopped sending audio" notice with other stations; left (${String(ended.reason)})`;
			}
			const recoveryMs = elapsed();
			await expectNothingLeft(world, idle);
			recordReliability({ family, case: name.replace(/ FM$/, ''), injected, behaviour, recoveryMs });
		});
	}
});
