import { availableParallelism, cpus, totalmem } from 'node:os';
import type { LogLine } from '#support/BotProcess';
import { Icecast } from '#support/Icecast';
import { IcyV1Server } from '#support/IcyV1Server';
import { LiveHlsEncoder } from '#support/LiveHlsEncoder';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import type { BenchResult } from './run.js';

/**
 * Time from `/radio play` (the interaction the emulator sends) to the first audible Opus packet the emulated voice server
 * receives, per stream format, and where that time goes. Every run plays a station URL of its own (a query string on
 * the same mount) in a server of its own, so each is a cold start: nothing resolved, no pipeline running. "join" plays a
 * station that already plays in another server. Runs: STARTUP_RUNS (default 8) per format.
 */

const runs = Number(process.env.STARTUP_RUNS ?? 8);
const formats = ['mp3', 'ogg-opus', 'aac', 'hls', 'icy-v1'] as const;
type Format = (typeof formats)[number] | 'join';

/** Stages in the order they usually happen; each is the time from the interaction, in ms. */
const stageNames = [
	'bot received',
	'preflight done',
	'pipeline resolved',
	'stream connected',
	'ffmpeg spawned',
	'ffmpeg first output',
	'player playing',
	'voice ready (emulator)',
	'voice joined (bot)',
	'first packet'
] as const;
type Stage = (typeof stageNames)[number];

interface Run {
	readonly format: Format;
	readonly firstAudioMs: number | null;
	readonly stages: Partial<Record<Stage, number>>;
}

export default async function startupBench(): Promise<BenchResult[]> {
	const icecast = await Icecast.start();
	const hls = await LiveHlsEncoder.start({ frequency: 880 });
	let v1: IcyV1Server | undefined;
	let world: RadioWorld | undefined;
	try {
		await Promise.all([
			icecast.addSource('/tone.mp3', { codec: 'mp3', frequency: 440 }),
			icecast.addSource('/tone.opus', { codec: 'opus', frequency: 550 }),
			icecast.addSource('/tone.aac', { codec: 'aac', frequency: 660 })
		]);
		v1 = await IcyV1Server.start({ upstream: icecast.url('/tone.mp3') });
		const base: Record<Exclude<Format, 'join'>, { url: string; format: string }> = {
			mp3: { url: icecast.url('/tone.mp3'), format: 'MP3' },
			'ogg-opus': { url: icecast.url('/tone.opus'), format: 'OPUS' },
			aac: { url: icecast.url('/tone.aac'), format: 'AAC' },
			hls: { url: hls.url, format: 'HLS' },
			'icy-v1': { url: v1.url(), format: 'MP3' }
		};
		const extra: Record<string, { url: string; alias: string; format: string }> = {};
		for (const format of formats) {
			for (let run = 0; run < runs; run++) {
				const { url, format: label } = base[format];
				extra[`${format} run ${run}`] = { url: `${url}${url.includes('?') ? '&' : '?'}run=${run}`, alias: `${format}-${run}`, format: label };
			}
		}
		extra['join target'] = { url: `${base.mp3.url}?run=join`, alias: 'join-target', format: 'MP3' };
		world = await RadioWorld.start({
			stations: [],
			guilds: formats.length * runs + runs + 1,
			extraStations: () => Promise.resolve(extra),
			// No health probes during the runs: a probe would resolve a station before its run, which then is no cold start.
			config: { voice: { pipeline_grace_seconds: 1 }, health: { probe_interval_seconds: 3600 } }
		});

		const results: Run[] = [];
		let guildIndex = 0;
		for (let run = 0; run < runs; run++) {
			for (const format of formats) results.push(await measure(world, world.guilds[guildIndex++]!, `${format}-${run}`, format));
		}
		// A station already playing in one server, started in another.
		const host = world.guilds[guildIndex++]!;
		await measure(world, host, 'join-target', 'join', false);
		for (let run = 0; run < runs; run++) results.push(await measure(world, world.guilds[guildIndex++]!, 'join-target', 'join'));

		printTable(results);
		return summarize(results);
	} finally {
		await world?.stop();
		await v1?.stop();
		await hls.stop();
		await icecast.stop();
	}
}

async function measure(world: RadioWorld, { guild, lounge, member }: WorldGuild, alias: string, format: Format, stop = true): Promise<Run> {
	await member.joinVoice(lounge);
	const logsBefore = world.bot.logs.length;
	const startedAt = Date.now();
	const handle = member.run('radio play', { station: alias });
	const stages: Partial<Record<Stage, number>> = {};
	let firstAudioMs: number | null = null;
	try {
		await handle;
		const session = await world.emu.waitForVoice(guild, 15_000);
		const ready = session.waitUntilReady(15_000).then(() => (stages['voice ready (emulator)'] = Date.now() - startedAt));
		await session.waitForAudio(15_000);
		firstAudioMs = Date.now() - startedAt;
		stages['first packet'] = firstAudioMs;
		await ready;
	} catch (error) {
		process.stderr.write(`  ${alias}: no audio (${(error as Error).message.split('\n')[0]})\n`);
	}
	await (await handle).message().catch(() => undefined);
	readBotStages(world.bot.logs.slice(logsBefore), guild.id, startedAt, stages);
	if (stop) {
		await (await member.run('radio stop', {})).message();
		await member.leaveVoice();
		// The pipeline's grace time (1 s) passes, so the next run of the station would start cold anyway.
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return { format, firstAudioMs, stages };
}

function readBotStages(lines: readonly LogLine[], guildId: string, startedAt: number, stages: Partial<Record<Stage, number>>): void {
	const at = (line: LogLine) => Date.parse(line.time as string) - startedAt;
	let station: string | undefined;
	for (const line of lines) {
		if (line.msg === 'play stage' && line.guildId === guildId) {
			station = line.station as string;
			const name = ({ received: 'bot received', preflight: 'preflight done', joined: 'voice joined (bot)' } as Record<string, Stage>)[
				line.stage as string
			];
			if (name) stages[name] ??= at(line);
		}
	}
	for (const line of lines) {
		if (line.msg !== 'pipeline stage' || station === undefined || !String(line.pipeline).startsWith(`${station}@`)) continue;
		const name = (
			{
				resolved: 'pipeline resolved',
				connected: 'stream connected',
				spawned: 'ffmpeg spawned',
				'first output': 'ffmpeg first output',
				playing: 'player playing'
			} as Record<string, Stage>
		)[line.stage as string];
		if (name) stages[name] ??= at(line);
	}
}

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function byFormat(results: readonly Run[]): Map<Format, Run[]> {
	const map = new Map<Format, Run[]>();
	for (const result of results) map.set(result.format, [...(map.get(result.format) ?? []), result]);
	return map;
}

function printTable(results: readonly Run[]): void {
	const groups = byFormat(results);
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	process.stdout.write(
		`\n  machine: ${availableParallelism()} cores, ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB; ${runs} cold runs per format\n\n`
	);
	process.stdout.write(`  | format | p50 ms | p95 ms | failed |\n  | --- | ---: | ---: | ---: |\n`);
	for (const [format, runsOf] of groups) {
		const times = runsOf.map((run) => run.firstAudioMs).filter((ms) => ms !== null);
		const cell = (p: number) => (times.length > 0 ? String(Math.round(percentile(times, p))) : '-');
		process.stdout.write(`  | ${format} | ${cell(50)} | ${cell(95)} | ${runsOf.length - times.length} |\n`);
	}
	process.stdout.write(`\n  median ms from the interaction, per stage:\n\n  | stage | ${[...groups.keys()].join(' | ')} |\n`);
	process.stdout.write(`  | --- |${[...groups.keys()].map(() => ' ---: |').join('')}\n`);
	for (const stage of stageNames) {
		const cells = [...groups.values()].map((runsOf) => {
			const values = runsOf.map((run) => run.stages[stage]).filter((ms) => ms !== undefined);
			return values.length > 0 ? String(Math.round(percentile(values, 50))) : '-';
		});
		process.stdout.write(`  | ${stage} | ${cells.join(' | ')} |\n`);
	}
}

function summarize(results: readonly Run[]): BenchResult[] {
	const out: BenchResult[] = [];
	for (const [format, runsOf] of byFormat(results)) {
		const times = runsOf.map((run) => run.firstAudioMs).filter((ms) => ms !== null);
		const detail = `${times.length}/${runsOf.length} runs played`;
		if (times.length === 0) {
			out.push({ name: `${format}: play to first audio`, value: Number.NaN, unit: 'ms', detail: 'never played' });
			continue;
		}
		out.push({ name: `${format}: play to first audio, p50`, value: percentile(times, 50), unit: 'ms', detail });
		out.push({ name: `${format}: play to first audio, p95`, value: percentile(times, 95), unit: 'ms', detail });
	}
	return out;
}
