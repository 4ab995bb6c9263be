import { expect } from 'chai';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { SessionRecorder } from '#lib/sessions/SessionRecorder';
import type { SessionRecord, SettingsStore } from '#lib/settings/types';
import type { GuildSession } from '#lib/voice/VoiceService';

/** Session storage of a SettingsStore, with writes that finish in a chosen order and can fail. */
class SlowSessionStore {
	public readonly sessions = new Map<string, SessionRecord>();
	public failNext = false;
	public delays: number[] = [];

	public async saveSession(session: SessionRecord): Promise<void> {
		await this.pause();
		this.sessions.set(session.guildId, session);
	}

	public async deleteSession(guildId: string): Promise<void> {
		await this.pause();
		this.sessions.delete(guildId);
	}

	private async pause(): Promise<void> {
		await new Promise((resolve) => setTimeout(resolve, this.delays.shift() ?? 0));
		if (this.failNext) {
			this.failNext = false;
			throw new Error('database is locked');
		}
	}
}

const station = { id: 'lofi', name: 'Lofi' } as Station;
const session = (volume: number): GuildSession => ({ guildId: 'g1', channelId: 'c1', station, volume, textChannelId: 't1', since: new Date(5_000) });

describe('SessionRecorder', () => {
	const logged: { level: number; msg: string }[] = [];
	const log = pino({ level: 'debug' }, { write: (line: string) => logged.push(JSON.parse(line)) });
	let store: SlowSessionStore;
	let recorder: SessionRecorder;

	beforeEach(() => {
		logged.length = 0;
		store = new SlowSessionStore();
		recorder = new SessionRecorder(() => store as unknown as SettingsStore, log);
	});

	it('GIVEN a slow first write WHEN a save, a change and a stop follow at once THEN they land in order and the record is gone', async () => {
		store.delays = [30, 0, 0];
		recorder.save(session(100));
		recorder.save(session(50));
		recorder.ended(session(50), 'stopped');
		await recorder.flush();
		expect(store.sessions.has('g1')).to.equal(false);
	});

	it('GIVEN a session WHEN it is saved THEN the record holds guild, channel, station, volume, text channel and start time', async () => {
		recorder.save(session(45));
		await recorder.flush();
		expect(store.sessions.get('g1')).to.deep.equal({
			guildId: 'g1',
			channelId: 'c1',
			stationId: 'lofi',
			volume: 45,
			textChannelId: 't1',
			since: 5_000,
			card: null,
			failoverFromId: null
		});
	});

	it('GIVEN a session standing in for a station after a failover, with a now-playing card WHEN saved THEN the record holds the card and the original station', async () => {
		const card = { channelId: 'c9', messageId: 'm9' };
		recorder = new SessionRecorder(
			() => store as unknown as SettingsStore,
			log,
			(guildId) => (guildId === 'g1' ? card : null)
		);
		recorder.save({ ...session(45), failoverFrom: { id: 'jazz', name: 'Jazz' } as Station });
		await recorder.flush();
		expect(store.sessions.get('g1')).to.deep.include({ stationId: 'lofi', card, failoverFromId: 'jazz' });
	});

	it('GIVEN a shutdown WHEN the session ends THEN its record stays for the next start', async () => {
		recorder.save(session(100));
		recorder.ended(session(100), 'shutdown');
		await recorder.flush();
		expect(store.sessions.has('g1')).to.equal(true);
	});

	it('GIVEN a failing write WHEN saving THEN nothing throws, the failure is logged, and the next write still runs', async () => {
		store.failNext = true;
		recorder.save(session(100));
		recorder.save(session(70));
		await recorder.flush();
		expect(logged.some((line) => line.level === 50 && line.msg === 'session record could not be written')).to.equal(true);
		expect(store.sessions.get('g1')?.volume).to.equal(70);
	});
});
