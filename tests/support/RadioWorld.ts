import { once } from 'node:events';
import { DiscordEmulator } from '#emulator/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { SettingsStore } from '#lib/settings/types';
import { BotProcess, type BotProcessOptions } from './BotProcess.js';
import { botConfigFor, type TestStationEntry } from './botConfig.js';
import type { MountOptions } from './Mount.js';
import { TestStation } from './TestStation.js';

export interface RadioWorldOptions {
	/** Mounts of the test station and the catalog entries pointing at them. */
	stations: (TestStationEntry & MountOptions)[];
	guilds?: number;
	/** More catalog entries (name → URL and alias), set up on the running test station before the bot starts. */
	extraStations?: (station: TestStation) => Promise<Record<string, { url: string; alias: string; format?: string }>>;
	/** Merged into the bot's config.yaml (e.g. `{ voice: { idle_timeout_seconds: 2 } }`). */
	config?: Record<string, Record<string, unknown> | unknown[]>;
	/** Extra environment for the bot process (e.g. NODE_OPTIONS preloading a module hook). */
	env?: Record<string, string>;
	/** The bot's SQLite settings file; default a fresh temp file (kept across restartBot()). */
	settingsPath?: string;
	emulator?: Parameters<typeof DiscordEmulator.start>[0];
}

type Guild = ReturnType<DiscordEmulator['createGuild']>;

export interface WorldGuild {
	guild: Guild;
	lounge: ReturnType<Guild['addVoiceChannel']>;
	member: ReturnType<Guild['addMember']>;
}

/** A test station, the emulated Discord with N guilds (a voice channel and a member each), and the real bot. */
export class RadioWorld {
	private constructor(
		public readonly station: TestStation,
		public readonly emu: DiscordEmulator,
		/** The running bot; restartBot() replaces it. */
		public bot: BotProcess,
		public readonly guilds: WorldGuild[],
		private readonly botOptions: BotProcessOptions
	) {}

	/**
	 * Stops the bot with `signal` (default SIGKILL: no graceful shutdown, nothing cleaned up) and starts a new bot process
	 * on the same config and settings file; resolves once it identified again (READY + GUILD_CREATEs) and logged 'ready'.
	 */
	public async restartBot({ signal = 'SIGKILL', timeoutMs = 30_000 }: { signal?: NodeJS.Signals; timeoutMs?: number } = {}): Promise<BotProcess> {
		await this.bot.stop(signal);
		const identified = once(this.emu.gateway, 'ready', { signal: AbortSignal.timeout(timeoutMs) });
		this.bot = BotProcess.start({ ...this.botOptions, settingsPath: this.bot.settingsPath });
		await identified.catch(() => {
			throw new Error(`the restarted bot did not identify within ${timeoutMs} ms; stderr:\n${this.bot.stderr.join('\n')}`);
		});
		await this.bot.waitForLog((line) => line.msg === 'ready', timeoutMs);
		return this.bot;
	}

	/** The config.yaml the bot was started with, as an object (edit a copy and pass it to `bot.writeConfig`). */
	public get config(): Record<string, unknown> {
		return structuredClone(this.botOptions.config);
	}

	/** Joins the member to the Lounge and plays `alias` there; resolves with the bot's voice session once it is ready. */
	public async play({ guild, lounge, member }: WorldGuild, alias: string) {
		if (guild.voiceStates.get(member.user.id)?.channelId !== lounge.id) await member.joinVoice(lounge);
		const reply = await member.run('radio play', { station: alias });
		await reply.message();
		return this.emu.waitForVoice(guild, 20_000);
	}

	/** Opens the bot's settings file beside the bot (as an operator's tool would), runs `use`, and closes it again. */
	public async withSettings<T>(use: (store: SettingsStore) => Promise<T>): Promise<T> {
		const store = await openSettingsStore({ sqlitePath: this.bot.settingsPath });
		try {
			return await use(store);
		} finally {
			await store.close();
		}
	}

	public async stop(): Promise<void> {
		await this.bot.stop('SIGKILL');
		await this.emu.stop();
		await this.station.stop();
	}

	public static async start({
		stations,
		guilds = 1,
		config = {},
		extraStations,
		env = {},
		emulator,
		settingsPath
	}: RadioWorldOptions): Promise<RadioWorld> {
		const station = await TestStation.start({
			mounts: Object.fromEntries(
				stations.map(({ path, frequency, title, name, bitrate, repeatTitle, metaint, titleOfBlock }) => [
					path,
					{ frequency, title, name, bitrate, repeatTitle, metaint, titleOfBlock }
				])
			)
		});
		const emu = await DiscordEmulator.start(emulator);
		const world = Array.from({ length: guilds }, (_, index) => {
			const guild = emu.createGuild({ name: `Server ${index + 1}` });
			return { guild, lounge: guild.addVoiceChannel('Lounge'), member: guild.addMember({ username: `listener${index + 1}` }) };
		});
		const base = botConfigFor(station, stations);
		for (const [name, { url, alias, format = 'MP3' }] of Object.entries((await extraStations?.(station)) ?? {})) {
			base.radios[name] = { url, aliases: [alias], bitrate: 128, format, description: `Test station at ${url}` };
		}
		const merged = {
			...base,
			...Object.fromEntries(
				Object.entries(config).map(([key, value]) => [
					key,
					Array.isArray(value) ? value : { ...(base as Record<string, object>)[key], ...value }
				])
			)
		};
		const botOptions: BotProcessOptions = { env: { ...emu.botEnv(), HEALTH_PORT: 'off', ...env }, config: merged, settingsPath };
		const bot = BotProcess.start(botOptions);
		await emu.waitForBotReady(30_000);
		await emu.waitForCommands((commands) => commands.some((command) => command.name === 'radio'), 30_000);
		return new RadioWorld(station, emu, bot, world, botOptions);
	}
}
