import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import { DayMs } from '#lib/stats/listeningRecord';
import { ListeningStats } from '#lib/stats/ListeningStats';
import type { GuildSession } from '#lib/voice/VoiceService';

const lofi = { id: 'lofi', name: 'Lofi' } as Station;
const jazz = { id: 'jazz', name: 'Jazz' } as Station;
const guildId = '100000000000000001';

describe('ListeningStats with a real SQLite store and a clock', () => {
	let directory: string;
	let store: OpenedSettingsStore;
	let clock: number;
	let humans: number;
	let sessions: GuildSession[];
	let writes: number;
	const logged: { msg: string }[] = [];
	const log = pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line)) });

	const stats = () =>
		new ListeningStats({
			sessions: () => sessions,
			humans: () => humans,
			store: () => ({
				listeningStats: (id) => store.listeningStats(id),
				updateListeningStats: (id, change) => {
					writes++;
					return store.updateListeningStats(id, change);
				}
			}),
			flushIntervalMs: 60_000,
			retentionDays: 31,
			maxStationsPerDay: 20,
			log,
			now: () => clock
		});
	const session = (station: Station): GuildSession => ({
		guildId,
		channelId: '2',
		station,
		volume: 100,
		textChannelId: null,
		since: new Date(clock)
	});

	beforeEach(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-stats-'));
		store = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		clock = 100 * DayMs + 12 * 3_600_000;
		humans = 2;
		sessions = [];
		writes = 0;
		logged.length = 0;
	});
	afterEach(async () => {
		await store.close().catch(() => undefined);
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN two members listening for 90 s over two ticks WHEN reported THEN 90 s of radio and 180 listener-seconds are counted, written once per tick', async () => {
		const counter = stats();
		const playing = session(lofi);
		sessions = [playing];
		counter.sessionChanged(playing);
		clock += 60_000;
		await counter.tick();
		clock += 30_000;
		await counter.tick();
		expect(writes).to.equal(2);
		const report = await stats().report(guildId);
		expect(report.today).to.deep.equal({ seconds: 90, listenerSeconds: 180, top: [{ id: 'lofi', name: 'Lofi', seconds: 90 }] });
		expect(report.month.seconds).to.equal(90);
	});

	it('GIVEN a channel nobody listens in WHEN counted THEN nothing is recorded and nothing written', async () => {
		const counter = stats();
		humans = 0;
		const playing = session(lofi);
		sessions = [playing];
		counter.sessionChanged(playing);
		clock += 120_000;
		await counter.tick();
		expect(writes).to.equal(0);
		expect((await counter.report(guildId)).today.seconds).to.equal(0);
	});

	it('GIVEN a station change and then the end WHEN reported before any tick THEN each station has its own time, counted from memory', async () => {
		const counter = stats();
		counter.sessionChanged(session(lofi));
		clock += 45_000;
		counter.sessionChanged({ ...session(lofi), volume: 50 });
		clock += 15_000;
		counter.sessionChanged(session(jazz));
		clock += 30_000;
		counter.sessionEnded(session(jazz));
		clock += 600_000;
		const report = await counter.report(guildId);
		expect(report.today.top).to.deep.equal([
			{ id: 'lofi', name: 'Lofi', seconds: 60 },
			{ id: 'jazz', name: 'Jazz', seconds: 30 }
		]);
		expect(writes).to.equal(0);
	});

	it('GIVEN listening across UTC midnight WHEN counted THEN each day gets its part', async () => {
		clock = 101 * DayMs - 20_000;
		const counter = stats();
		counter.sessionChanged(session(lofi));
		clock += 50_000;
		counter.sessionEnded(session(lofi));
		const report = await counter.report(guildId);
		expect(report.today.seconds).to.equal(30);
		expect(report.week.seconds).to.equal(50);
	});

	it('GIVEN the storage failing at a tick WHEN it works again THEN the counted time is written then, not lost', async () => {
		const counter = stats();
		const playing = session(lofi);
		sessions = [playing];
		counter.sessionChanged(playing);
		clock += 60_000;
		const working = store;
		store = { updateListeningStats: () => Promise.reject(new Error('database is locked')) } as unknown as OpenedSettingsStore;
		await counter.tick();
		expect(logged.some((line) => line.msg.startsWith('listening statistics not saved'))).to.equal(true);
		store = working;
		clock += 60_000;
		await counter.tick();
		expect((await stats().report(guildId)).today.seconds).to.equal(120);
	});
});
