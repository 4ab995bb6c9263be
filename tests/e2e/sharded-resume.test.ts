import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordEmulator, type EmulatedGuild } from '#emulator/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { SessionRecord } from '#lib/settings/types';
import { BotProcess } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';

const Shards = 3;
/** What the bot may spend per shard and minute on rejoins; the emulated Discord closes a connection beyond 25 commands a minute. */
const JoinsPerShardMinute = 20;
/** What one shard can rejoin within a minute at that budget, leaving a join timeout (15 s) for the last handshake: 20 × 45/60. */
const PerShard = 15;
const CommandLimit = 25;

describe(`GIVEN ${Shards * PerShard} saved sessions, ${PerShard} on each of ${Shards} shards, and ${JoinsPerShardMinute} rejoins allowed per shard and minute`, () => {
	let emu: DiscordEmulator;
	let station: TestStation;
	let guilds: { guild: EmulatedGuild; shard: number; channelId: string }[];
	let settingsPath: string;
	let bot: BotProcess | undefined;

	const config = () => ({
		...botConfigFor(station),
		// Nobody is in the channels: the rejoined sessions must stay for the test, not leave as idle.
		voice: { pipeline_grace_seconds: 1, idle_timeout_seconds: 600 },
		resume: { joins_per_shard_minute: JoinsPerShardMinute }
	});
	const start = () => BotProcess.start({ env: { ...emu.botEnv(), HEALTH_PORT: 'off' }, config: config(), settingsPath });

	async function savedSessions(): Promise<SessionRecord[]> {
		const store = await openSettingsStore({ sqlitePath: settingsPath });
		try {
			return await store.listSessions();
		} finally {
			await store.close();
		}
	}

	const allRejoined = () =>
		waitFor(() => guilds.every(({ guild }) => emu.voice(guild)?.state === 'ready') || null, 'every saved session to be back', 90_000, 200);
	/** No bot runs (one another test left running stops gracefully, which keeps every session saved). */
	async function ensureStopped(): Promise<void> {
		if (bot && !bot.hasExited) expect(await bot.stop('SIGTERM')).to.deep.equal({ code: 0, signal: null });
	}
	/** A bot runs with every saved session back. */
	async function ensureResumed(): Promise<BotProcess> {
		if (!bot || bot.hasExited) {
			bot = start();
			await bot.waitForLog((line) => line.msg === 'ready', 60_000);
		}
		await allRejoined();
		return bot;
	}

	before(async () => {
		station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: 440 } } });
		emu = await DiscordEmulator.start({
			gateway: { shards: 1, maxConcurrency: Shards, commandLimit: { count: CommandLimit, windowMs: 60_000 } }
		});
		guilds = Array.from({ length: Shards * PerShard }, (_, index) => {
			const shard = index % Shards;
			const guild = emu.createGuild({ name: `Server ${index + 1}`, shard: [shard, Shards] });
			return { guild, shard, channelId: guild.addVoiceChannel('Lounge').id };
		});
		settingsPath = join(mkdtempSync(join(tmpdir(), 'alastor-sharded-')), 'settings.sqlite');
		// What a bot that played in every one of them and was SIGKILLed left behind.
		const store = await openSettingsStore({ sqlitePath: settingsPath });
		for (const { guild, channelId } of guilds) {
			await store.saveSession({
				guildId: guild.id,
				channelId,
				stationId: 'test-tone',
				volume: 100,
				textChannelId: null,
				since: Date.now() - 60_000,
				card: null,
				failoverFromId: null
			});
		}
		await store.close();
	});

	after(async () => {
		await bot?.stop('SIGKILL');
		await emu?.stop();
		await station?.stop();
	});

	it('WHEN the bot starts THEN it chooses as many shards as the saved sessions need, and each shard rejoins its own within its budget', async () => {
		await ensureStopped();
		bot = start();
		await bot.waitForLog((line) => line.msg === 'ready', 60_000);
		expect(bot.logs.find((line) => line.msg === 'shard count chosen')).to.deep.include({
			shardCount: Shards,
			recommended: 1,
			savedSessions: Shards * PerShard,
			busiestShard: PerShard,
			reason: 'sessions'
		});
		await allRejoined();

		expect(emu.gateway.sessions.map((session) => session.shard)).to.deep.equal(Array.from({ length: Shards }, (_, id) => [id, Shards]));
		// Every join went out on the connection of the guild's own shard, and no connection ran over its command budget.
		expect(emu.gateway.rateLimitClosures).to.deep.equal([]);
		expect(emu.gateway.allSessions.flatMap((session) => session.ignoredVoiceStateUpdates)).to.deep.equal([]);
		for (const session of emu.gateway.sessions) {
			const joined = session.voiceStateUpdates.map((command) => (command.d as { guild_id: string }).guild_id);
			expect(joined, `shard ${session.shardId}`).to.have.lengthOf(PerShard);
			expect(new Set(joined)).to.deep.equal(new Set(guilds.filter((entry) => entry.shard === session.shardId).map((entry) => entry.guild.id)));
		}
	});

	it('WHEN the sharded bot is stopped gracefully THEN it exits 0 and every session is still saved for the next start', async () => {
		const running = await ensureResumed();
		expect(await running.stop('SIGTERM')).to.deep.equal({ code: 0, signal: null });
		expect((await savedSessions()).map((record) => record.guildId).sort()).to.deep.equal(guilds.map(({ guild }) => guild.id).sort());
	});

	it('WHEN it is stopped gracefully in the middle of its resume THEN the sessions it had not rejoined yet are kept too', async () => {
		await ensureStopped();
		bot = start();
		await bot.waitForLog((line) => line.msg === 'resuming voice sessions', 60_000);
		await bot.waitForLog((line) => line.msg === 'session resumed', 30_000);
		expect(await bot.stop('SIGTERM')).to.deep.equal({ code: 0, signal: null });
		expect(bot.logs.filter((line) => line.msg.startsWith('session dropped'))).to.deep.equal([]);
		expect(await savedSessions()).to.have.lengthOf(Shards * PerShard);
	});
});
