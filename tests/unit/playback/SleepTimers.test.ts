import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { SleepTimers } from '#lib/playback/SleepTimers';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';
import type { GuildSession } from '#lib/voice/VoiceService';

const station = { id: 'lofi', name: 'Lofi' } as Station;
const guildId = '100000000000000001';

/** The part of VoiceService the timers use: one session per guild, and what stopped it. */
class Voice {
	public session: GuildSession | null = null;
	public readonly stops: SessionEndReason[] = [];
	public sessionFor(): GuildSession | null {
		return this.session;
	}

	public stop(_guildId: string, reason: SessionEndReason = 'stopped'): GuildSession | null {
		const ended = this.session;
		this.session = null;
		this.stops.push(reason);
		return ended;
	}
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SleepTimers with a real SQLite store', () => {
	let directory: string;
	let store: OpenedSettingsStore;
	let voice: Voice;
	const slept: GuildSession[] = [];
	const log = pino({ level: 'silent' });
	const timers = () => new SleepTimers({ voice, store: () => store, log, onSlept: (session) => slept.push(session) });
	const play = (since = 1_000) => {
		voice.session = { guildId, channelId: '2', station, volume: 100, textChannelId: '3', since: new Date(since) };
		return voice.session;
	};

	beforeEach(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-sleep-'));
		store = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		voice = new Voice();
		slept.length = 0;
	});
	afterEach(async () => {
		await store.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a session WHEN its sleep timer runs out THEN the radio stops, the server is told, and nothing stays stored', async () => {
		const sleep = timers();
		const session = play();
		const endsAt = sleep.set(session, '9', 0.002);
		expect(endsAt.getTime()).to.be.greaterThan(Date.now());
		expect(sleep.endsAt(guildId)).to.deep.equal(endsAt);
		await wait(300);
		expect(voice.stops).to.deep.equal(['stopped']);
		expect(slept).to.deep.equal([session]);
		expect(sleep.endsAt(guildId)).to.equal(null);
		expect(await store.sleepTimer(guildId)).to.equal(null);
	});

	it('GIVEN a timer WHEN cancelled, replaced or the session ends THEN no earlier timer stops the radio', async () => {
		const sleep = timers();
		const session = play();
		sleep.set(session, '9', 0.002);
		expect(sleep.cancel(guildId)).to.equal(true);
		expect(sleep.cancel(guildId)).to.equal(false);
		sleep.set(session, '9', 0.002);
		sleep.set(session, '9', 10);
		await wait(300);
		expect(voice.stops).to.deep.equal([]);
		expect((await store.sleepTimer(guildId))?.setBy).to.equal('9');
		sleep.sessionEnded(session, 'idle');
		expect(sleep.endsAt(guildId)).to.equal(null);
		await wait(100);
		expect(await store.sleepTimer(guildId)).to.equal(null);
	});

	it('GIVEN a timer and a restart WHEN the same session resumes THEN the timer runs on for what is left and stops the radio', async () => {
		const before = timers();
		const session = play(5_000);
		before.set(session, '9', 0.005);
		before.sessionEnded(session, 'shutdown');
		await wait(50);

		const after = timers();
		await after.sessionChanged(play(5_000));
		expect(after.endsAt(guildId)).to.not.equal(null);
		await wait(400);
		expect(voice.stops).to.deep.equal(['stopped']);
		expect(slept).to.have.lengthOf(1);
	});

	it('GIVEN a stored timer WHEN a restart starts another session instead THEN the stale timer is dropped and stops nothing', async () => {
		const before = timers();
		before.set(play(5_000), '9', 0.005);
		// The process ends (SIGKILL): its timers with it.
		before.dispose();
		await wait(50);

		const after = timers();
		await after.sessionChanged(play(6_000));
		expect(after.endsAt(guildId)).to.equal(null);
		await wait(400);
		expect(voice.stops).to.deep.equal([]);
		expect(await store.sleepTimer(guildId)).to.equal(null);
	});

	it('GIVEN a running timer WHEN the station changes (a new session start) THEN the stored timer follows it, so a restart still honours it', async () => {
		const sleep = timers();
		sleep.set(play(5_000), '9', 10);
		await sleep.sessionChanged(play(7_000));
		await wait(50);
		expect((await store.sleepTimer(guildId))?.sessionSince).to.equal(7_000);
	});
});
