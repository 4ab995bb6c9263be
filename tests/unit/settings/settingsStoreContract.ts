import { expect } from 'chai';
import type { Keyv } from 'keyv';
import type { OpenedSettingsStore, SettingsStoreOptions } from '#lib/settings/openSettingsStore';
import { SettingsStoreError, type SettingsProblem } from '#lib/settings/SettingsStoreError';
import { DefaultGuildSettings, type CustomStationRecord, type SessionRecord } from '#lib/settings/types';

/** One backend (SQLite file, Redis server) seen two ways: through the store, and raw, to plant old or damaged records. */
export interface SettingsBackend {
	open(options: { namespace: string } & Partial<SettingsStoreOptions>): Promise<OpenedSettingsStore>;
	/** A plain keyv on the same data and namespace (keys as the store names them: `guild:<id>`). */
	raw(namespace: string): Keyv;
	/** Puts `text` where the record for `key` lives, bypassing keyv's JSON. */
	writeRawText(raw: Keyv, namespace: string, key: string, text: string): Promise<void>;
}

export async function expectSettingsError(promise: Promise<unknown>, problem: SettingsProblem): Promise<SettingsStoreError> {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught
	);
	expect(error, `expected a SettingsStoreError (${problem})`).to.be.instanceOf(SettingsStoreError);
	expect((error as SettingsStoreError).problem, (error as Error).message).to.equal(problem);
	return error as SettingsStoreError;
}

const session = (guildId: string, stationId = 'lofi', volume = 100): SessionRecord => ({
	guildId,
	channelId: '200000000000000001',
	stationId,
	volume,
	textChannelId: null,
	since: 1_764_000_000_000,
	card: { channelId: '300000000000000001', messageId: '400000000000000001' },
	failoverFromId: null
});

const station = (guildId: string, slug: string): CustomStationRecord => ({
	id: `g${guildId}-${slug}`,
	name: `Station ${slug}`,
	url: `https://radio.example/${slug}.mp3`,
	aliases: [slug],
	format: 'MP3',
	bitrate: 128,
	addedBy: '300000000000000001',
	addedAt: 1_764_000_000_000
});

/** The SettingsStore contract, run once per backend so SQLite and Redis behave the same. */
export function describeSettingsStoreContract(name: string, backend: () => SettingsBackend): void {
	describe(`SettingsStore contract on ${name}`, () => {
		let namespace: string;
		let counter = 0;
		const opened: { close(): Promise<void> }[] = [];
		const raws: Keyv[] = [];

		const open = async (options: Partial<SettingsStoreOptions> = {}) => {
			const store = await backend().open({ namespace, ...options });
			opened.push(store);
			return store;
		};
		const raw = () => {
			const keyv = backend().raw(namespace);
			raws.push(keyv);
			return keyv;
		};

		beforeEach(() => {
			namespace = `contract${process.pid}x${counter++}`;
		});

		afterEach(async () => {
			await Promise.allSettled(opened.splice(0).map((store) => store.close()));
			await Promise.allSettled(raws.splice(0).map((keyv) => keyv.disconnect()));
		});

		it('GIVEN a server with nothing stored WHEN its settings are read THEN they are the defaults', async () => {
			const store = await open();
			expect(await store.guild('100000000000000001')).to.deep.equal(DefaultGuildSettings);
			expect(await store.customStations('100000000000000001')).to.deep.equal([]);
			expect(await store.listSessions()).to.deep.equal([]);
		});

		it('GIVEN settings saved WHEN the store is closed and opened again THEN they come back unchanged', async () => {
			const first = await open();
			const saved = await first.updateGuild('100000000000000002', {
				language: 'de',
				voiceChannelId: '200000000000000002',
				djRoleId: '400000000000000002',
				defaultStationId: 'lofi',
				autoJoin: true,
				volume: { min: 20, max: 120, default: 80 },
				noticeChannelId: '500000000000000002'
			});
			await first.close();
			const second = await open();
			expect(await second.guild('100000000000000002')).to.deep.equal(saved);
			expect(saved).to.deep.include({ language: 'de', autoJoin: true, volume: { min: 20, max: 120, default: 80 } });
		});

		it('GIVEN stored settings WHEN a patch changes some fields THEN the rest stay and volume limits merge field by field', async () => {
			const store = await open();
			await store.updateGuild('100000000000000003', { language: 'fr', djRoleId: '400000000000000003', volume: { max: 130 } });
			const next = await store.updateGuild('100000000000000003', { djRoleId: null, volume: { min: 30 }, language: undefined });
			expect(next).to.deep.equal({ ...DefaultGuildSettings, language: 'fr', djRoleId: null, volume: { min: 30, max: 130, default: 100 } });
			const reopened = await open();
			expect(await reopened.guild('100000000000000003')).to.deep.equal(next);
		});

		it('GIVEN many updates of one server at once WHEN they finish THEN every one of them is applied', async () => {
			const store = await open();
			const guildId = '100000000000000004';
			await Promise.all([
				store.updateGuild(guildId, { language: 'ja' }),
				store.updateGuild(guildId, { autoJoin: true }),
				store.updateGuild(guildId, { defaultStationId: 'jazz' }),
				store.updateGuild(guildId, { volume: { max: 200 } }),
				store.updateGuild(guildId, { volume: { min: 0 } }),
				store.updateGuild(guildId, { noticeChannelId: '500000000000000004' })
			]);
			expect(await (await open()).guild(guildId)).to.deep.equal({
				...DefaultGuildSettings,
				language: 'ja',
				autoJoin: true,
				defaultStationId: 'jazz',
				volume: { min: 0, max: 200, default: 100 },
				noticeChannelId: '500000000000000004'
			});
		});

		it('GIVEN stored settings WHEN the server is reset THEN it reads the defaults, also after reopening', async () => {
			const store = await open();
			await store.updateGuild('100000000000000005', { language: 'ko', autoJoin: true });
			await store.updateGuild('100000000000000006', { language: 'it' });
			await store.resetGuild('100000000000000005');
			expect(await store.guild('100000000000000005')).to.deep.equal(DefaultGuildSettings);
			const reopened = await open();
			expect(await reopened.guild('100000000000000005')).to.deep.equal(DefaultGuildSettings);
			expect((await reopened.guild('100000000000000006')).language, 'another server is untouched').to.equal('it');
		});

		it('GIVEN a patch that breaks min ≤ default ≤ max WHEN saved THEN it is refused and the stored settings stay', async () => {
			const store = await open();
			await store.updateGuild('100000000000000007', { volume: { min: 50, max: 150, default: 100 } });
			const error = await expectSettingsError(store.updateGuild('100000000000000007', { volume: { max: 40 } }), 'invalid-value');
			expect(error.message).to.include('guild:100000000000000007');
			expect((await (await open()).guild('100000000000000007')).volume).to.deep.equal({ min: 50, max: 150, default: 100 });
		});

		it('GIVEN sessions saved, replaced and deleted WHEN listed (also after reopening) THEN exactly the live ones come back', async () => {
			const store = await open();
			await store.saveSession(session('100000000000000010', 'lofi'));
			await store.saveSession(session('100000000000000011', 'jazz'));
			await store.saveSession(session('100000000000000012', 'rock'));
			await store.saveSession(session('100000000000000011', 'classic', 60));
			await store.deleteSession('100000000000000012');
			await store.deleteSession('100000000000000099');
			await store.updateGuild('100000000000000010', { language: 'de' });
			const byGuild = (sessions: SessionRecord[]) => [...sessions].sort((a, b) => a.guildId.localeCompare(b.guildId));
			const expected = [session('100000000000000010', 'lofi'), session('100000000000000011', 'classic', 60)];
			expect(byGuild(await store.listSessions())).to.deep.equal(expected);
			expect(byGuild(await (await open()).listSessions())).to.deep.equal(expected);
		});

		it('GIVEN two namespaces on the same storage WHEN each lists its sessions THEN neither sees the other', async () => {
			const mine = await open();
			const theirs = await open({ namespace: `${namespace}other` });
			await mine.saveSession(session('100000000000000013'));
			await theirs.saveSession(session('100000000000000014'));
			await theirs.updateGuild('100000000000000013', { language: 'fr' });
			expect((await mine.listSessions()).map((record) => record.guildId)).to.deep.equal(['100000000000000013']);
			expect((await theirs.listSessions()).map((record) => record.guildId)).to.deep.equal(['100000000000000014']);
			expect((await mine.guild('100000000000000013')).language).to.equal(null);
		});

		it('GIVEN custom stations saved WHEN read back after reopening THEN they are the same, per server', async () => {
			const store = await open();
			const stations = [station('100000000000000020', 'one'), station('100000000000000020', 'two')];
			await store.saveCustomStations('100000000000000020', stations);
			await store.saveCustomStations('100000000000000021', [station('100000000000000021', 'three')]);
			const reopened = await open();
			expect(await reopened.customStations('100000000000000020')).to.deep.equal(stations);
			expect((await reopened.customStations('100000000000000021')).map((record) => record.id)).to.deep.equal(['g100000000000000021-three']);
			await reopened.saveCustomStations('100000000000000020', []);
			expect(await reopened.customStations('100000000000000020')).to.deep.equal([]);
		});

		it("GIVEN a member's stations, a server's listening statistics and sleep timer WHEN changed (ten member changes at once) and read after reopening THEN each comes back; a deleted timer reads null", async () => {
			const store = await open();
			const userId = '300000000000000070';
			expect(await store.memberStations(userId)).to.deep.equal({ favorites: [], last: null });
			await Promise.all(
				Array.from({ length: 10 }, (_, index) =>
					store.updateMemberStations(userId, (current) => ({
						...current,
						favorites: [...current.favorites, { id: `station-${index}`, name: `Station ${index}`, format: 'MP3', bitrate: 128 }]
					}))
				)
			);
			await store.updateMemberStations(userId, (current) => ({
				...current,
				last: { id: 'rb-x', name: 'X', url: 'https://x.example/a', format: 'AAC', bitrate: 0 }
			}));
			const stats = { stations: [{ id: 'lofi', name: 'Lofi' }], days: [{ day: 20_000, entries: [[0, 60, 120] as const] }] };
			await store.updateListeningStats('100000000000000070', () => stats);
			await store.saveSleepTimer('100000000000000070', { endsAt: 1_764_000_060_000, setBy: userId, sessionSince: 1_764_000_000_000 });
			await store.saveSleepTimer('100000000000000071', { endsAt: 1_764_000_060_000, setBy: userId, sessionSince: 1_764_000_000_000 });
			await store.saveSleepTimer('100000000000000071', null);
			const reopened = await open();
			const member = await reopened.memberStations(userId);
			expect(member.favorites).to.have.lengthOf(10);
			expect(member.last).to.deep.equal({ id: 'rb-x', name: 'X', url: 'https://x.example/a', format: 'AAC', bitrate: 0 });
			expect(await reopened.listeningStats('100000000000000070')).to.deep.equal(stats);
			expect(await reopened.listeningStats('100000000000000072')).to.deep.equal({ stations: [], days: [] });
			expect(await reopened.sleepTimer('100000000000000070')).to.deep.include({ setBy: userId });
			expect(await reopened.sleepTimer('100000000000000071')).to.equal(null);
			expect(await reopened.listSessions(), 'none of these is a session').to.deep.equal([]);
		});

		it('GIVEN statistics whose entries name a station they do not list WHEN stored or read THEN invalid-value and invalid-record', async () => {
			const store = await open();
			const broken = { stations: [], days: [{ day: 1, entries: [[3, 60, 60] as const] }] };
			await expectSettingsError(
				store.updateListeningStats('100000000000000073', () => broken),
				'invalid-value'
			);
			await raw().set('stats:100000000000000074', { version: 1, data: broken });
			await expectSettingsError(store.listeningStats('100000000000000074'), 'invalid-record');
		});

		it('GIVEN a version-1 record (flat volume fields, dj_role) WHEN read THEN it is migrated to the current shape; the next save writes version 3', async () => {
			const keyv = raw();
			await keyv.set('guild:100000000000000030', {
				version: 1,
				data: {
					language: 'pt-BR',
					voiceChannelId: '200000000000000030',
					dj_role: '400000000000000030',
					defaultStationId: 'samba',
					autoJoin: true,
					volumeMin: 25,
					volumeMax: 175,
					volumeDefault: 90,
					noticeChannelId: null
				}
			});
			const store = await open();
			const expected = {
				language: 'pt-BR',
				voiceChannelId: '200000000000000030',
				djRoleId: '400000000000000030',
				defaultStationId: 'samba',
				autoJoin: true,
				volume: { min: 25, max: 175, default: 90 },
				noticeChannelId: null,
				nowPlayingCard: true,
				switchBack: true
			};
			expect(await store.guild('100000000000000030')).to.deep.equal(expected);
			expect(await keyv.get('guild:100000000000000030'), 'reading does not rewrite').to.have.property('version', 1);
			await store.updateGuild('100000000000000030', { autoJoin: false });
			expect(await keyv.get('guild:100000000000000030')).to.deep.equal({ version: 3, data: { ...expected, autoJoin: false } });
		});

		it('GIVEN version-2 settings and a version-1 session WHEN read THEN the card and switching back are on, and the session has no card nor failover', async () => {
			const keyv = raw();
			const version2 = {
				language: 'de',
				voiceChannelId: null,
				djRoleId: null,
				defaultStationId: null,
				autoJoin: false,
				volume: { min: 10, max: 150, default: 100 },
				noticeChannelId: null
			};
			await keyv.set('guild:100000000000000031', { version: 2, data: version2 });
			const version1 = {
				guildId: '100000000000000031',
				channelId: '200000000000000031',
				stationId: 'lofi',
				volume: 80,
				textChannelId: null,
				since: 5
			};
			await keyv.set('session:100000000000000031', { version: 1, data: version1 });
			const store = await open();
			expect(await store.guild('100000000000000031')).to.deep.equal({ ...version2, nowPlayingCard: true, switchBack: true });
			expect(await store.listSessions()).to.deep.equal([{ ...version1, card: null, failoverFromId: null }]);
		});

		it('GIVEN a record written by a newer Alastor WHEN read, updated or reset THEN each refuses with newer-version and the record stays as it was', async () => {
			const keyv = raw();
			const future = { version: 4, data: { locale: 'de', volume: { ceiling: 300 } } };
			await keyv.set('guild:100000000000000040', future);
			await keyv.set('session:100000000000000040', { version: 9, data: {} });
			const store = await open();
			const error = await expectSettingsError(store.guild('100000000000000040'), 'newer-version');
			expect(error.message).to.include('guild:100000000000000040').and.include('version 4');
			await expectSettingsError(store.updateGuild('100000000000000040', { language: 'fr' }), 'newer-version');
			await expectSettingsError(store.resetGuild('100000000000000040'), 'newer-version');
			await expectSettingsError(store.saveSession(session('100000000000000040')), 'newer-version');
			await expectSettingsError(store.deleteSession('100000000000000040'), 'newer-version');
			expect(await keyv.get('guild:100000000000000040')).to.deep.equal(future);
			expect(await keyv.get('session:100000000000000040')).to.deep.equal({ version: 9, data: {} });
		});

		it('GIVEN an invalid record WHEN read THEN it is an invalid-record error naming the key, not the defaults', async () => {
			const keyv = raw();
			await keyv.set('guild:100000000000000050', { version: 3, data: { ...DefaultGuildSettings, volume: 'loud' } });
			await keyv.set('guild:100000000000000051', { settings: 'no envelope' });
			await backend().writeRawText(keyv, namespace, 'guild:100000000000000052', '{ this is not json');
			await keyv.set('session:100000000000000053', { version: 1, data: { guildId: '100000000000000053' } });
			const store = await open();
			const wrongShape = await expectSettingsError(store.guild('100000000000000050'), 'invalid-record');
			expect(wrongShape.message).to.include('guild:100000000000000050').and.include('volume');
			expect((await expectSettingsError(store.guild('100000000000000051'), 'invalid-record')).message).to.include('guild:100000000000000051');
			expect((await expectSettingsError(store.guild('100000000000000052'), 'invalid-record')).message).to.include('not valid JSON');
			expect((await expectSettingsError(store.listSessions(), 'invalid-record')).message).to.include('session:100000000000000053');
			expect(await keyv.get('guild:100000000000000050'), 'left as it was').to.deep.include({ version: 3 });
		});

		it('GIVEN one damaged session among good ones WHEN listed with a reporter THEN the good ones are returned and the damaged one is reported', async () => {
			const keyv = raw();
			await keyv.set('session:100000000000000060', { version: 1, data: { guildId: '100000000000000060' } });
			const store = await open();
			await store.saveSession(session('100000000000000061'));
			const reported: Error[] = [];
			const sessions = await store.listSessions((error) => reported.push(error));
			expect(sessions.map((record) => record.guildId))
				.to.include('100000000000000061')
				.and.not.include('100000000000000060');
			expect(reported.map((error) => error.message).join('\n')).to.include('session:100000000000000060');
			await expectSettingsError(store.listSessions(), 'invalid-record');
		});

		it("GIVEN a damaged or newer heartbeat record WHEN the store opens THEN it opens and replaces it (the heartbeat is nobody's data)", async () => {
			const keyv = raw();
			await backend().writeRawText(keyv, namespace, 'heartbeat', 'garbage');
			await (await open()).close();
			await keyv.set('heartbeat', { version: 7, data: { beats: 'many' } });
			await (await open()).close();
			expect(await keyv.get('heartbeat')).to.deep.include({ version: 1 });
		});

		it('GIVEN 8 instances opening the same storage at the same moment WHEN each checks it with its heartbeat THEN every one opens (another’s heartbeat in between is no storage failure)', async () => {
			const stores = await Promise.all(Array.from({ length: 8 }, () => open()));
			expect(stores).to.have.lengthOf(8);
		});

		it('GIVEN a closed store WHEN asked for anything new THEN it refuses with a SettingsStoreError', async () => {
			const store = await open();
			await store.updateGuild('100000000000000060', { language: 'de' });
			await store.close();
			await expectSettingsError(store.guild('100000000000000060'), 'failed');
			await expectSettingsError(store.saveSession(session('100000000000000060')), 'failed');
			await expectSettingsError(store.listSessions(), 'failed');
			await store.close();
		});
	});
}
