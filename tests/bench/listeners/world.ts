import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordEmulator, type DiscordEmulatorOptions } from '#emulator/index';
import { BotProcess } from '#support/BotProcess';
import { isAlive } from '#support/processes';
import type { LoopStationProcess } from './loopStation.js';
import type { Design, ListenerBenchOptions } from './options.js';
import { botProcessGroups } from './procStats.js';

type Guild = ReturnType<DiscordEmulator['createGuild']>;

export interface BenchGuild {
	guild: Guild;
	member: ReturnType<Guild['addMember']>;
	/** The station this server plays. */
	alias: string;
}

export interface BenchWorld {
	emu: DiscordEmulator;
	bot: BotProcess;
	guilds: BenchGuild[];
	startup: { toReadyMs: number; toReadyLogMs: number; toCommandsMs: number };
}

export const stationAlias = (index: number) => `tone${String(index + 1).padStart(2, '0')}`;
export const stationPath = (index: number) => `/tone-${String(index + 1).padStart(2, '0')}.mp3`;
/** Distinct tones, as far apart as the Opus band allows for 50 stations. */
export const stationFrequency = (index: number) => 220 + 40 * index;

function botConfig(station: LoopStationProcess, stations: number, design: Design) {
	return {
		bot: { description: 'Alastor under load', version: '0.0.0-bench', github_url: 'https://example.com/alastor' },
		radios: Object.fromEntries(
			Array.from({ length: stations }, (_, index) => [
				`Tone ${index + 1}`,
				{
					url: `${station.origin}${stationPath(index)}`,
					aliases: [stationAlias(index)],
					bitrate: 128,
					format: 'MP3',
					description: `A ${stationFrequency(index)} Hz tone from the bench station.`
				}
			])
		),
		donations: [],
		voice: { share_pipelines: design === 'shared' }
	};
}

export const profileDirectory = resolve('bench-results', 'profiles');

/**
 * The emulator (in this process) with N servers, each with a Lounge and one member already in it, and the real bot
 * as a child process; resolves once the bot has identified, logged 'ready' and registered /radio.
 */
export async function startWorld(options: ListenerBenchOptions, design: Design, servers: number, station: LoopStationProcess): Promise<BenchWorld> {
	// The emulator recommends `shards` (GET /gateway/bot) and routes guilds by id; discord.js reads SHARD_COUNT from the
	// environment and opens that many shards, each with its own send queue for voice joins.
	const emulatorOptions: DiscordEmulatorOptions = {
		voice: { decryptOneIn: options.decryptOneIn, dave: options.dave },
		...(options.shards > 1 ? { gateway: { shards: options.shards } } : {})
	};
	const emu = await DiscordEmulator.start(emulatorOptions);
	const guilds: BenchGuild[] = [];
	for (let index = 0; index < servers; index++) {
		const guild = emu.createGuild({ name: `Server ${index + 1}` });
		const lounge = guild.addVoiceChannel('Lounge');
		const member = guild.addMember({ username: `listener${index + 1}` });
		await member.joinVoice(lounge);
		guilds.push({ guild, member, alias: stationAlias(index % options.stations) });
	}

	const env: Record<string, string> = { ...emu.botEnv(), HEALTH_PORT: 'off', LOG_LEVEL: 'info' };
	if (options.shards > 1) env.SHARD_COUNT = String(options.shards);
	const nodeOptions: string[] = [];
	if (options.cpuProfile || options.heapSnapshot) mkdirSync(profileDirectory, { recursive: true });
	if (options.cpuProfile)
		nodeOptions.push('--cpu-prof', `--cpu-prof-dir=${profileDirectory}`, `--cpu-prof-name=bot-${design}-${servers}.cpuprofile`);
	if (options.heapSnapshot) nodeOptions.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${profileDirectory}`);
	if (nodeOptions.length > 0) env.NODE_OPTIONS = [process.env.NODE_OPTIONS, ...nodeOptions].filter(Boolean).join(' ');

	const startedAt = performance.now();
	const identified = once(emu.gateway, 'ready', { signal: AbortSignal.timeout(120_000) });
	const bot = BotProcess.start({ env, config: botConfig(station, options.stations, design) });
	try {
		await identified;
		const toReadyMs = performance.now() - startedAt;
		await bot.waitForLog((line) => line.msg === 'ready', 120_000);
		const toReadyLogMs = performance.now() - startedAt;
		await emu.waitForCommands((commands) => commands.some((command) => command.name === 'radio'), 120_000);
		return { emu, bot, guilds, startup: { toReadyMs, toReadyLogMs, toCommandsMs: performance.now() - startedAt } };
	} catch (error) {
		await stopWorld({ emu, bot });
		throw new Error(`the bot did not start: ${String(error)}\n${bot.stderr.slice(-20).join('\n')}`);
	}
}

/** Stops the bot gracefully (so a CPU profile gets written), then makes sure none of its ffmpeg outlives it. */
export async function stopWorld({ emu, bot }: Pick<BenchWorld, 'emu' | 'bot'>): Promise<void> {
	const ffmpeg = bot.hasExited ? [] : botProcessGroups(bot.pid).ffmpeg;
	const exited = bot.stop('SIGTERM');
	if (!(await Promise.race([exited.then(() => true), sleep(30_000, undefined, { ref: false }).then(() => false)]))) await bot.stop('SIGKILL');
	for (const pid of ffmpeg) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
	await emu.stop();
}
