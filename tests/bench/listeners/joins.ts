import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchGuild, BenchWorld } from './world.js';

export interface JoinRecord {
	ok: boolean;
	/** Interaction sent → the session's first audio packet at the emulator. */
	playToFirstAudioMs: number | null;
	error?: string;
}

export interface JoinOutcome {
	records: JoinRecord[];
	/** First play sent → last play done (audio flowing or failed). */
	seconds: number;
	/** Voice joins (gateway op 4) the bot sent. */
	voiceStateUpdates: number;
}

const stepTimeoutMs = 45_000;

async function poll<T>(read: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
		await sleep(5);
	}
}

/** One real /radio play in a server whose member is in the Lounge, followed to its first audio packet and its reply. */
async function playOne({ emu }: BenchWorld, { guild, member, alias }: BenchGuild): Promise<JoinRecord> {
	const sentAt = performance.now();
	try {
		const handle = await member.run('radio play', { station: alias });
		const session = await emu.waitForVoice(guild, stepTimeoutMs);
		const firstAt = await poll(() => session.firstPacketAtMs, stepTimeoutMs, 'audio packet');
		// The reply may first say the join waits in the gateway queue; the embed ('now playing') replaces it once audio flows.
		const playing = await handle
			.waitFor((message) => Array.isArray(message.embeds) && message.embeds.length > 0, stepTimeoutMs)
			.then(
				() => true,
				() => false
			);
		return {
			ok: playing,
			playToFirstAudioMs: firstAt - sentAt,
			...(playing ? {} : { error: `reply: ${String(handle.messages.at(-1)?.content ?? 'none')}` })
		};
	} catch (error) {
		return { ok: false, playToFirstAudioMs: null, error: error instanceof Error ? error.message : String(error) };
	}
}

/**
 * Sends /radio play in every server, paced at `perMinute` (the gateway budget the bot's joins need), and waits for each
 * to play. Receive stats of playing sessions are reset every 10 s meanwhile, so their interval lists stay short.
 */
export async function playEverywhere(world: BenchWorld, perMinute: number, log: (line: string) => void): Promise<JoinOutcome> {
	const spacingMs = 60_000 / perMinute;
	const startedAt = performance.now();
	const pending: Promise<JoinRecord>[] = [];
	let done = 0;
	const trim = setInterval(() => {
		for (const { guild } of world.guilds) world.emu.voice(guild)?.resetStats();
		log(`  joins: ${pending.length} sent, ${done} playing or failed (${Math.round((performance.now() - startedAt) / 1_000)} s)`);
	}, 10_000);
	try {
		for (const [index, guild] of world.guilds.entries()) {
			const due = startedAt + index * spacingMs;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
			pending.push(
				playOne(world, guild).then((record) => {
					done++;
					return record;
				})
			);
		}
		const records = await Promise.all(pending);
		const voiceStateUpdates = world.emu.gateway.received.filter((message) => message.op === 4).length;
		return { records, seconds: (performance.now() - startedAt) / 1_000, voiceStateUpdates };
	} finally {
		clearInterval(trim);
	}
}
