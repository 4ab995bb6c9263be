import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { Errors, Setup } from '#lib/i18n/keys/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { GuildSettings } from '#lib/settings/types';
import type { BotResources } from '#support/botResources';
import { en } from '#support/en';
import { FaultyDisk } from '#support/FaultyDisk';
import type { RadioWorld, WorldGuild } from '#support/RadioWorld';
import { RedisServer } from '#support/RedisServer';
import { recordReliability, stopwatch } from '#support/reliability';
import {
	AudioMeter,
	addAdmin,
	expectNothingLeft,
	leaveEverywhere,
	logSince,
	PacketsPerSecond,
	playAndHear,
	startFaultWorld,
	stopPlaying
} from './faultKit.js';

const family = 'storage';
const RedisOutageMs = 30_000;
const RedisHangMs = 10_000;

/**
 * The admin sets the default voice channel to `channel`; resolves with the reply's text. The write goes to the settings
 * store at once (no cache to hide a failure behind).
 */
async function setVoice(admin: ReturnType<typeof addAdmin>, channelId: string): Promise<string> {
	return renderMessage(await (await admin.run('setup voice', { channel: channelId })).message());
}

const saved = (channelId: string) => en(Setup.VoiceSaved, { channel: `<#${channelId}>` });

/**
 * One storage fault while a server listens and another server's admin changes a setting: the change is refused in words
 * (nothing half-written), the log names the storage error, playback goes on, and once the store is back the change
 * goes through and the setting made before the fault is still there.
 */
async function survivesStorageFault(
	world: RadioWorld,
	idle: BotResources,
	{ listening, admin: place }: { listening: WorldGuild; admin: WorldGuild },
	readStored: (guildId: string) => Promise<GuildSettings | undefined>,
	fault: { name: string; injected: string; start: () => Promise<void>; end: () => Promise<void> }
): Promise<void> {
	const admin = addAdmin(place, `admin-${fault.name.replace(/\W+/g, '-')}`);
	const other = place.guild.addVoiceChannel(`Other ${fault.name}`);
	expect(await setVoice(admin, place.lounge.id)).to.include(saved(place.lounge.id));
	await playAndHear(world, listening, 'sine');

	const logs = world.bot.logs.length;
	await fault.start();
	const meter = new AudioMeter(world, listening.guild);
	const refused = await setVoice(admin, other.id);
	expect(refused).to.include(en(Errors.SettingsUnavailable));
	const line = await logSince(world, logs, (entry) => entry.msg === 'settings storage unavailable' && entry.guildId === place.guild.id);
	// The storage error's own words, up to its advice ("Nothing was changed. …").
	const cause = String((line.err as { message?: string } | undefined)?.message ?? '')
		.split(' Nothing was changed')[0]!
		.slice(0, 200);
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	const expected = (meter.elapsedMs / 1_000) * PacketsPerSecond;
	expect(meter.packets / expected, `audio during the fault (${meter.packets} of ${Math.round(expected)})`).to.be.at.least(0.75);

	await fault.end();
	const elapsed = stopwatch();
	let accepted = '';
	// The first write after the store came back (a reconnect may take a moment): retried as an admin would.
	for (let attempt = 0; attempt < 30 && !accepted.includes(saved(other.id)); attempt++) {
		if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
		accepted = await setVoice(admin, other.id);
	}
	const recoveryMs = elapsed();
	expect(accepted).to.include(saved(other.id));
	expect((await readStored(place.guild.id))?.voiceChannelId, 'the change after the fault is stored').to.equal(other.id);
	expect(world.bot.hasExited, 'the bot is still running').to.equal(false);
	await stopPlaying(world, listening);
	await expectNothingLeft(world, idle);
	recordReliability({
		family,
		case: fault.name,
		injected: fault.injected,
		behaviour: `/setup voice refused with "${en(Errors.SettingsUnavailable)}", logged as 'settings storage unavailable' (${cause}); playback went on; after the fault the same command saved, earlier settings intact`,
		recoveryMs
	});
}

describe('GIVEN the bot’s SQLite settings on a small disk of their own WHEN the disk fails', () => {
	let world: RadioWorld;
	let idle: BotResources;
	let disk: FaultyDisk;

	before(async function mountDisk(this: Mocha.Context) {
		// Mounting needs root with CAP_SYS_ADMIN and loop devices (CI runs as root); elsewhere these cases are skipped.
		if (!(await FaultyDisk.available('ext4'))) this.skip();
		disk = await FaultyDisk.mount({ kind: 'ext4', sizeBytes: 8 * 1024 * 1024 });
		({ world, idle } = await startFaultWorld({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 4,
			settingsPath: disk.path('alastor.sqlite')
		}));
	});

	afterEach(async () => {
		if (!world) return;
		await disk.makeMutable().catch(() => undefined);
		disk.free();
		await leaveEverywhere(world);
	});

	after(async () => {
		await world?.stop();
		await disk?.unmount();
	});

	const readStored = (guildId: string) => world.withSettings((store) => store.guild(guildId));

	it('WHEN the database becomes read-only THEN a settings change is refused in words and logged, playback goes on, and once writable the change saves', async () => {
		await survivesStorageFault(world, idle, { listening: world.guilds[0]!, admin: world.guilds[1]! }, readStored, {
			name: 'SQLite read-only',
			injected: 'chattr +i on the database, its directory and files (ext4 loop disk): no write, no journal; reads work',
			start: () => disk.makeImmutable(),
			end: () => disk.makeMutable()
		});
	});

	it('WHEN the disk is full THEN a settings change is refused in words and logged, playback goes on, and once space is back the change saves', async () => {
		await survivesStorageFault(world, idle, { listening: world.guilds[2]!, admin: world.guilds[3]! }, readStored, {
			name: 'disk full',
			injected: 'the 8 MiB ext4 loop disk holding the database filled to the last block (ENOSPC)',
			start: () => disk.fill(),
			end: () => Promise.resolve(disk.free())
		});
	});
});

describe('GIVEN the bot’s settings in Redis (persistent, as in production) WHEN Redis fails', () => {
	let world: RadioWorld;
	let idle: BotResources;
	let redis: RedisServer;

	before(async () => {
		redis = await RedisServer.start({ persistent: true });
		({ world, idle } = await startFaultWorld({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 4,
			env: { REDIS_URL: redis.url }
		}));
	});

	afterEach(async () => {
		redis.resume();
		if (world) await leaveEverywhere(world);
	});

	after(async () => {
		await world?.stop();
		await redis?.dispose();
	});

	const readStored = async (guildId: string) => {
		const store = await openSettingsStore({ redisUrl: redis.url });
		try {
			return await store.guild(guildId);
		} finally {
			await store.close();
		}
	};

	/** Redis down from start() until end(), which waits for `ms` from the start. */
	function outage(ms: number, down: () => Promise<void> | void, up: () => Promise<void> | void) {
		let over: Promise<void> = Promise.resolve();
		return {
			start: async () => {
				over = new Promise((resolve) => setTimeout(resolve, ms));
				await down();
			},
			end: async () => {
				await over;
				await up();
			}
		};
	}

	it('WHEN Redis is gone for 30 s and comes back THEN a change meanwhile is refused in words and logged, playback goes on, and afterwards the change saves with nothing lost', async function redisGone(this: Mocha.Context) {
		this.timeout(RedisOutageMs + 120_000);
		await survivesStorageFault(world, idle, { listening: world.guilds[0]!, admin: world.guilds[1]! }, readStored, {
			name: 'Redis gone for 30 s',
			injected: 'redis-server killed (connections refused) for 30 s, then started again on the same port from its append-only file',
			...outage(
				RedisOutageMs,
				() => redis.kill(),
				() => redis.restart()
			)
		});
	});

	it('WHEN Redis hangs for 10 s THEN a change meanwhile is refused in words within Discord’s window instead of never answering, and afterwards it saves', async () => {
		await survivesStorageFault(world, idle, { listening: world.guilds[2]!, admin: world.guilds[3]! }, readStored, {
			name: 'Redis hangs for 10 s',
			injected: 'redis-server stopped (SIGSTOP) for 10 s: connections open, nothing answered; then SIGCONT',
			...outage(
				RedisHangMs,
				() => redis.pause(),
				() => redis.resume()
			)
		});
	});
});
