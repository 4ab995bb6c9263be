import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordEmulator, type EmulatedGuild } from '#emulator/index';
import type { VoiceSession } from '#emulator/voice/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { BotProcess } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { TestStation } from '#support/TestStation';
import type { BenchResult } from './run.js';

/**
 * BENCH_RESUME_SESSIONS: how many saved sessions (default 1,000). BENCH_RESUME_SHARD_COUNT: a fixed count instead of the
 * automatic one. BENCH_RESUME_GIVE_UP_SECONDS: how long each start may take to bring them all back (default 600).
 */
const Sessions = Number(process.env.BENCH_RESUME_SESSIONS ?? 1_000);
const FixedShardCount = process.env.BENCH_RESUME_SHARD_COUNT;
const GiveUpMs = Number(process.env.BENCH_RESUME_GIVE_UP_SECONDS ?? 600) * 1_000;
/** BENCH_RESUME_LOG: a file prefix; each start's bot log goes to `<prefix>-first.jsonl` and `<prefix>-second.jsonl`. */
const LogPrefix = process.env.BENCH_RESUME_LOG;
const keepLog = (bot: BotProcess, start: string) =>
	LogPrefix && writeFileSync(`${LogPrefix}-${start}.jsonl`, bot.logs.map((line) => JSON.stringify(line)).join('\n'));

interface Server {
	guild: EmulatedGuild;
	channelId: string;
}

/**
 * A bot with `Sessions` saved sessions is SIGKILLed and started again: how long until the last one plays again. The
 * emulated Discord is as strict as Discord (one IDENTIFY per 5 s, 120 gateway commands a minute per connection, DAVE
 * required); it throws the audio away unread (decrypting 50 packets a second per session would measure the emulator).
 */
export default async function resumeBench(): Promise<BenchResult[]> {
	const station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: 440 } } });
	const emu = await DiscordEmulator.start({ gateway: { shards: 1, maxConcurrency: 1 } });
	const directory = mkdtempSync(join(tmpdir(), 'alastor-resume-bench-'));
	const settingsPath = join(directory, 'settings.sqlite');
	let bot: BotProcess | undefined;
	try {
		emu.voiceServer.dropUdp(Number.POSITIVE_INFINITY, { audio: true, discovery: false });
		const servers = await createServers(emu, Sessions);
		const store = await openSettingsStore({ sqlitePath: settingsPath });
		for (const { guild, channelId } of servers) {
			await store.saveSession({
				guildId: guild.id,
				channelId,
				stationId: 'test-tone',
				volume: 100,
				textChannelId: null,
				since: Date.now(),
				card: null,
				failoverFromId: null
			});
		}
		await store.close();
		const config = { ...botConfigFor(station), voice: { pipeline_grace_seconds: 1, idle_timeout_seconds: 3_600 } };
		const env = { ...emu.botEnv(), HEALTH_PORT: 'off', LOG_LEVEL: 'info', ...(FixedShardCount ? { SHARD_COUNT: FixedShardCount } : {}) };
		const start = () => BotProcess.start({ env, config, settingsPath });

		// The first start puts every session in place; the SIGKILL leaves them all saved, and Discord still showing the bot in voice.
		bot = start();
		const first = await measure(emu, bot, servers, new Map());
		const before = new Map(servers.map(({ guild }) => [guild.id, emu.voice(guild)]));
		await bot.stop('SIGKILL');
		keepLog(bot, 'first');
		// A session the first start gave up on has no saved record left: the second start cannot bring it back.
		const droppedFirst = bot.logs.filter((line) => line.msg.startsWith('session dropped')).length;

		bot = start();
		const second = await measure(emu, bot, servers, before);
		keepLog(bot, 'second');
		const dropped = bot.logs.filter((line) => line.msg.startsWith('session dropped')).length;
		await bot.stop('SIGTERM');
		const shards = bot.logs.find((line) => line.msg === 'shard count chosen' || line.msg === 'running the shards SHARD_IDS and SHARD_COUNT name');
		const shardCount = Number(shards?.shardCount ?? FixedShardCount);
		const detail = `${Sessions} sessions, ${shardCount} shards (${String(shards?.reason ?? 'SHARD_COUNT')}), busiest shard ${String(shards?.busiestShard ?? '?')}`;
		return [
			{ name: 'first start: READY → last session playing', value: first.lastAfterReadyMs / 1_000, unit: 's', detail },
			{
				name: 'after SIGKILL: process start → READY (all shards)',
				value: second.readyAfterStartMs / 1_000,
				unit: 's',
				detail: `${shardCount} IDENTIFYs, 5 s apart`
			},
			{ name: 'after SIGKILL: READY → half the sessions playing', value: second.medianAfterReadyMs / 1_000, unit: 's', detail },
			{ name: 'after SIGKILL: READY → last session playing', value: second.lastAfterReadyMs / 1_000, unit: 's', detail },
			{ name: 'first start: saved sessions given up', value: droppedFirst, unit: 'sessions', detail: 'no join after every attempt' },
			{
				name: 'after SIGKILL: sessions back',
				value: second.back,
				unit: 'sessions',
				detail: `of the ${Sessions - droppedFirst} saved at the SIGKILL (${Sessions} at first), within ${GiveUpMs / 1_000} s`
			},
			{ name: 'after SIGKILL: saved sessions given up', value: dropped, unit: 'sessions', detail: 'no join after every attempt' },
			{ name: 'after SIGKILL: rejoin attempts that failed', value: second.failedJoins, unit: 'joins', detail: 'retried with backoff' },
			{
				name: 'gateway connections closed for rate limits (4008)',
				value: emu.gateway.rateLimitClosures.length,
				unit: 'closures',
				detail: 'both starts'
			}
		];
	} finally {
		await bot?.stop('SIGKILL');
		await emu.stop();
		await station.stop();
		rmSync(directory, { recursive: true, force: true });
	}
}

/** Guilds whose ids spread over time as real ones do (a few ms apart, irregularly), so they split unevenly over shards. */
async function createServers(emu: DiscordEmulator, count: number): Promise<Server[]> {
	const servers: Server[] = [];
	for (let index = 0; index < count; index++) {
		const guild = emu.createGuild({ name: `Server ${index + 1}` });
		servers.push({ guild, channelId: guild.addVoiceChannel('Lounge').id });
		await new Promise((resolve) => setTimeout(resolve, 1 + (index % 3)));
	}
	return servers;
}

/** From the bot's start: its READY, and when each server has a new voice session that is ready. */
async function measure(emu: DiscordEmulator, bot: BotProcess, servers: Server[], previous: Map<string, VoiceSession | undefined>) {
	const startedAt = Date.now();
	const readyLine = await bot.waitForLog((line) => line.msg === 'ready', GiveUpMs);
	const readyAt = Date.parse(readyLine.time as string);
	const backAt = new Map<string, number>();
	const deadline = Date.now() + GiveUpMs;
	while (backAt.size < servers.length && Date.now() < deadline && !bot.hasExited) {
		for (const { guild } of servers) {
			if (backAt.has(guild.id)) continue;
			const session = emu.voice(guild);
			if (session && session !== previous.get(guild.id) && session.state === 'ready') backAt.set(guild.id, Date.now());
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const times = [...backAt.values()].map((at) => at - readyAt).sort((a, b) => a - b);
	if (LogPrefix) {
		// Which servers did not come back, and what the emulated Discord shows there.
		const missing = servers
			.filter(({ guild }) => !backAt.has(guild.id))
			.map(({ guild }) => ({
				guildId: guild.id,
				voice: emu.voice(guild)?.state ?? null,
				botChannel: guild.voiceStates.get(emu.botUser.id)?.channelId ?? null
			}));
		writeFileSync(`${LogPrefix}-${previous.size === 0 ? 'first' : 'second'}-missing.json`, JSON.stringify(missing, null, 1));
	}
	return {
		readyAfterStartMs: readyAt - startedAt,
		medianAfterReadyMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
		// Not all back: the time of the last one that came back (NaN when none did).
		lastAfterReadyMs: times.at(-1) ?? Number.NaN,
		back: times.length,
		failedJoins: bot.logs.filter((line) => line.msg === 'resume: join failed').length
	};
}
