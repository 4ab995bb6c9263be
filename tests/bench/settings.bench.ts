import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { SessionRecord } from '#lib/settings/types';
import type { BenchResult } from './run.js';

const Guilds = 1_000;

const guildId = (index: number) => String(100_000_000_000_000_000n + BigInt(index));

async function msPerCall(calls: number, run: (index: number) => Promise<unknown>): Promise<number> {
	const started = process.hrtime.bigint();
	for (let index = 0; index < calls; index++) await run(index);
	return Number(process.hrtime.bigint() - started) / 1e6 / calls;
}

/** What a thousand servers cost the SQLite settings store: writes, cold and cached reads, and the session scan a restart does. */
export default async function settingsBench(): Promise<BenchResult[]> {
	const directory = mkdtempSync(join(tmpdir(), 'alastor-settings-bench-'));
	try {
		const store = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		const update = await msPerCall(Guilds, (index) => store.updateGuild(guildId(index), { language: 'de', djRoleId: guildId(index + 1) }));
		const session = (index: number): SessionRecord => ({
			guildId: guildId(index),
			channelId: guildId(index + 2),
			stationId: 'lofi',
			volume: 100,
			textChannelId: null,
			since: Date.now(),
			card: null,
			failoverFromId: null
		});
		const save = await msPerCall(Guilds, (index) => store.saveSession(session(index)));
		const cached = await msPerCall(Guilds * 10, (index) => store.guild(guildId(index % Guilds)));
		await store.close();

		const reopened = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		const cold = await msPerCall(Guilds, (index) => reopened.guild(guildId(index)));
		const scanStarted = process.hrtime.bigint();
		const sessions = await reopened.listSessions();
		const scanMs = Number(process.hrtime.bigint() - scanStarted) / 1e6;
		await reopened.close();
		return [
			{ name: 'updateGuild (SQLite write)', value: update, unit: 'ms/call', detail: `${Guilds} servers, sequential` },
			{ name: 'saveSession (SQLite write)', value: save, unit: 'ms/call', detail: `${Guilds} servers, sequential` },
			{ name: 'guild() from the cache (per interaction)', value: cached * 1_000, unit: 'µs/call', detail: `${Guilds * 10} reads` },
			{ name: 'guild() cold (first read after a start)', value: cold, unit: 'ms/call', detail: `${Guilds} servers` },
			{ name: 'listSessions at startup', value: scanMs, unit: 'ms', detail: `${sessions.length} saved sessions` }
		];
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}
