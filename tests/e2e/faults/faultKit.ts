import { expect } from 'chai';
import { DefaultMemberPermissions, Permission, renderMessage, type EmulatedGuild } from '#emulator/index';
import type { VoiceSession } from '#emulator/voice/index';
import { Radio } from '#lib/i18n/keys/index';
import type { GuildSettings } from '#lib/settings/types';
import type { LogLine } from '#support/BotProcess';
import { botResources, ResourceDebugEnv, type BotResources } from '#support/botResources';
import { en, enPattern } from '#support/en';
import { RadioWorld, type RadioWorldOptions, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

/** The sweep intervals of the playback and setup change budgets (@sapphire/ratelimits), alive while a window is open. */
export const BudgetSweepTimers = 2;

/** Audio frames are 20 ms: 50 packets are a second of playback. */
export const PacketsPerSecond = 50;

/** A RadioWorld whose bot serves /debug/resources (leak counts) and can collect garbage before heap figures. */
export async function startFaultWorld(options: RadioWorldOptions): Promise<{ world: RadioWorld; idle: BotResources }> {
	const world = await RadioWorld.start({ ...options, env: { ...ResourceDebugEnv, ...options.env } });
	// Let start-up settle (command registration, the first REST connections) before taking the idle counts.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	return { world, idle: await botResources(world.bot) };
}

/**
 * Counts the audio packets the emulator receives from the bot in one guild from now on, across voice sessions: a resume
 * keeps the session, a rejoin or a server move starts a new one, counted from its first packet.
 */
export class AudioMeter {
	private readonly started = performance.now();
	private session: VoiceSession | undefined;
	private base: number;
	private folded = 0;

	public constructor(
		private readonly world: RadioWorld,
		private readonly guild: EmulatedGuild
	) {
		this.session = world.emu.voice(guild);
		this.base = this.session?.stats.packets ?? 0;
	}

	public get packets(): number {
		const current = this.world.emu.voice(this.guild);
		if (current !== this.session) {
			if (this.session) this.folded += this.session.stats.packets - this.base;
			this.session = current;
			this.base = 0;
		}
		return this.folded + (current ? current.stats.packets - this.base : 0);
	}

	public get elapsedMs(): number {
		return Math.round(performance.now() - this.started);
	}

	/** Milliseconds from the meter's start until `packets` had arrived. */
	public async until(packets: number, timeoutMs: number, what = `${packets} audio packets`): Promise<number> {
		await waitFor(() => this.packets >= packets, what, timeoutMs, 20);
		return this.elapsedMs;
	}
}

/** Packets received in `guild` during the next `ms`. */
export async function packetsDuring(world: RadioWorld, guild: EmulatedGuild, ms: number): Promise<number> {
	const meter = new AudioMeter(world, guild);
	await new Promise((resolve) => setTimeout(resolve, ms));
	return meter.packets;
}

/** The member joins its Lounge and plays `alias`; resolves once a second of audio arrived there. */
export async function playAndHear(world: RadioWorld, place: WorldGuild, alias: string): Promise<void> {
	await world.play(place, alias);
	await new AudioMeter(world, place.guild).until(PacketsPerSecond, 30_000, `a second of audio in ${place.guild.name}`);
}

/** /radio stop by the member: the localized confirmation, and the bot out of voice there. */
export async function stopPlaying(world: RadioWorld, { guild, member }: WorldGuild): Promise<void> {
	const text = renderMessage(await (await member.run('radio stop')).message());
	if (!text.includes(en(Radio.StopNothingPlaying))) expect(text).to.match(enPattern(Radio.StopStopped, { station: /.+?/ }));
	await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave voice', 15_000);
}

/**
 * Nothing left behind: no session, voice connection, pipeline, wizard or ffmpeg; the long-lived emitters hold as many
 * listeners as when idle; sockets, timers and descriptors back to the idle counts (keep-alive connections to Discord and
 * stations close within seconds, so this waits for them rather than allowing slack). Returns the counts it ended at.
 */
export async function expectNothingLeft(world: RadioWorld, idle: BotResources, timeoutMs = 45_000): Promise<BotResources> {
	let last: BotResources | undefined;
	const problems = (now: BotResources) => {
		const found: string[] = [];
		for (const key of ['sessions', 'voiceConnections', 'pipelines', 'wizards', 'ffmpeg'] as const)
			if (now[key] !== 0) found.push(`${key} ${now[key]}`);
		for (const [emitter, count] of Object.entries(now.listeners))
			if (count !== idle.listeners[emitter]) found.push(`${emitter} listeners ${count} (idle ${idle.listeners[emitter]})`);
		if ((now.sockets ?? 0) > (idle.sockets ?? 0)) found.push(`sockets ${now.sockets} (idle ${idle.sockets})`);
		if ((now.openFds ?? 0) > (idle.openFds ?? 0)) found.push(`open descriptors ${now.openFds} (idle ${idle.openFds})`);
		// The two change budgets (playback, setup) each keep a sweep interval while any member's window is open (30-60 s):
		// bounded housekeeping, not a leak. The soak waits for them to end.
		const timers = now.activeResources.Timeout ?? 0;
		if (timers > (idle.activeResources.Timeout ?? 0) + BudgetSweepTimers)
			found.push(`timers ${timers} (idle ${idle.activeResources.Timeout ?? 0} + ${BudgetSweepTimers} budget sweeps)`);
		return found;
	};
	const waited = Date.now();
	try {
		await waitFor(
			async () => {
				last = await botResources(world.bot);
				return problems(last).length === 0;
			},
			'the bot to hold nothing more than when idle',
			timeoutMs,
			500
		);
	} catch {
		expect.fail(`left behind: ${problems(last!).join(', ')}`);
	}
	expect(world.bot.hasExited, 'the bot is still running').to.equal(false);
	if (process.env.FAULTS_VERBOSE) console.log(`      back to idle after ${Date.now() - waited} ms: ${JSON.stringify(last)}`);
	return last!;
}

/** The first log line from index `from` on matching `predicate` (a fault's own line, not an earlier one). */
export async function logSince(world: RadioWorld, from: number, predicate: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
	return waitFor(() => world.bot.logs.slice(from).find(predicate), 'a log line naming the cause', timeoutMs, 50).catch((error: unknown) => {
		throw new Error(`${(error as Error).message}; last lines:\n${world.bot.tail(20)}`);
	});
}

/** A server manager in `guild` (for /setup). */
export function addAdmin({ guild }: WorldGuild, username = 'admin') {
	return guild.addMember({ username, permissions: DefaultMemberPermissions | Permission.ManageGuild });
}

/** The bot's settings file holds `expected` for the guild (read beside the running bot). */
export async function expectSettings(world: RadioWorld, guildId: string, expected: Partial<GuildSettings>): Promise<void> {
	const stored = await world.withSettings((store) => store.guild(guildId));
	expect(stored, 'the server’s settings are intact').to.deep.include(expected);
}

/** The saved session (what a restart resumes) reaches `stationId` in `channelId`, or disappears for null (written in the background). */
export async function expectSessionRecord(
	world: RadioWorld,
	guildId: string,
	expected: { stationId: string; channelId: string } | null
): Promise<void> {
	let last: unknown;
	await waitFor(
		async () => {
			const record = (await world.withSettings((store) => store.listSessions())).find((session) => session.guildId === guildId);
			last = record;
			return expected === null ? record === undefined : record?.stationId === expected.stationId && record.channelId === expected.channelId;
		},
		'the saved session',
		15_000,
		200
	).catch(() => expect.fail(`saved session ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`));
}

/** After a case (passed or failed): the bot leaves every voice channel it is in, so the next case starts from idle. */
export async function leaveEverywhere(world: RadioWorld): Promise<void> {
	world.emu.rest.clearFaults();
	for (const place of world.guilds) {
		if (!place.guild.voiceStates.get(world.emu.botUser.id)?.channelId) continue;
		if (place.guild.voiceStates.get(place.member.user.id)?.channelId !== place.lounge.id)
			await place.member.joinVoice(place.lounge).catch(() => undefined);
		await stopPlaying(world, place).catch(() => undefined);
	}
}
