import { expect } from 'chai';
import { ChannelType, Collection, type Guild } from 'discord.js';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { SessionRecorder } from '#lib/sessions/SessionRecorder';
import { SessionRestorer } from '#lib/sessions/SessionRestorer';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';
import { DefaultGuildSettings, type CustomStationRecord, type GuildSettings, type SessionRecord, type SettingsStore } from '#lib/settings/types';
import { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { VoiceJoinError } from '#lib/voice/VoiceConnections';
import type { VoiceService } from '#lib/voice/VoiceService';
import { waitFor } from '#support/waitFor';

const guildId = '100000000000000001';
const channelId = '300000000000000003';
const custom: CustomStationRecord = {
	id: `g${guildId}-my-radio`,
	name: 'My Radio',
	url: 'http://radio.example/stream',
	aliases: [],
	format: 'MP3',
	bitrate: 128,
	addedBy: '200000000000000002',
	addedAt: 1
};

/** A voice channel the bot may join: everything botJoinProblem reads. */
function joinableGuild(): Guild {
	const guild = { members: { me: {} }, voiceStates: { cache: new Collection() } } as unknown as Guild;
	const channel = {
		id: channelId,
		type: ChannelType.GuildVoice,
		userLimit: 0,
		guild,
		client: { user: { id: '400000000000000004' } },
		isVoiceBased: () => true,
		permissionsFor: () => ({ has: () => true })
	};
	Object.assign(guild, { channels: { cache: new Collection([[channelId, channel]]) } });
	return guild;
}

/** A store whose custom stations are locked for the first `failures` reads, as SQLite is while another process writes. */
function storeLockedFor(failures: number, options: { sessions: SessionRecord[]; settings: GuildSettings }) {
	const deleted: string[] = [];
	let reads = 0;
	const store = {
		listSessions: () => Promise.resolve(options.sessions),
		guild: () => Promise.resolve(options.settings),
		deleteSession: (id: string) => Promise.resolve(void deleted.push(id)),
		saveSession: () => Promise.resolve(),
		customStations: () => {
			reads++;
			if (reads <= failures) return Promise.reject(new SettingsStoreError('locked', 'The settings database is locked by another process.'));
			return Promise.resolve([custom]);
		}
	} as unknown as SettingsStore;
	return { store, deleted, reads: () => reads };
}

function restorerFor(store: SettingsStore, { joinFails = false, windowMs = 0, retryDelayMs = 10, shared = [] as Station[] } = {}) {
	const played: Station[] = [];
	/** What happened, in order: cards adopted or forgotten, stations played, stand-ins remembered. */
	const events: string[] = [];
	const log = pino({ level: 'silent' });
	const recorder = new SessionRecorder(() => store, log);
	const catalogs = new GuildCatalogs(new StationCatalog(shared), { customStations: (id) => store.customStations(id) });
	const voice = {
		sessionFor: () => null,
		play: (_channel: unknown, station: Station) => {
			played.push(station);
			if (joinFails) return Promise.reject(new VoiceJoinError('voice connection did not become ready'));
			events.push(`play ${station.id}`);
			return Promise.resolve({ guildId, channelId, station, textChannelId: null, since: new Date(), volume: 100 });
		},
		standIn: (_guildId: string, original: Station) => events.push(`stand in for ${original.id}`)
	} as unknown as VoiceService;
	const restorer = new SessionRestorer({
		voice,
		store: () => store,
		recorder,
		guild: () => joinableGuild(),
		guildIds: () => [guildId],
		findStation: (id, stationId) => catalogs.stationById(id, stationId),
		windowMs,
		maxSpacingMs: windowMs,
		retry: { baseDelayMs: retryDelayMs, maxDelayMs: 2 * retryDelayMs, maxAttempts: 3 },
		healthyAfterMs: 60_000,
		restoreCard: (_guildId, card) => events.push(card ? `adopt card ${card.messageId}` : 'forget card'),
		log
	});
	return { restorer, recorder, played, events };
}

describe('SessionRestorer', () => {
	it('GIVEN a saved session on a custom station WHEN the custom stations are locked at the first try THEN it is retried and resumed, and its record is kept', async () => {
		const saved: SessionRecord = {
			guildId,
			channelId,
			stationId: custom.id,
			volume: 100,
			textChannelId: null,
			since: 1,
			card: null,
			failoverFromId: null
		};
		const { store, deleted, reads } = storeLockedFor(1, { sessions: [saved], settings: DefaultGuildSettings });
		const { restorer, recorder, played } = restorerFor(store);

		await restorer.resumeAll();
		await waitFor(() => played.length > 0 || null, 'the resumed session', 5_000);
		await recorder.flush();

		expect(played.map((station) => station.id)).to.deep.equal([custom.id]);
		expect(reads()).to.equal(2);
		expect(deleted).to.deep.equal([]);
	});

	it('GIVEN a 24/7 server whose default station is its own WHEN the custom stations are locked twice THEN it keeps trying and joins', async () => {
		const settings = { ...DefaultGuildSettings, autoJoin: true, voiceChannelId: channelId, defaultStationId: custom.id };
		const { store, reads } = storeLockedFor(2, { sessions: [], settings });
		const { restorer, played } = restorerFor(store);

		await restorer.resumeAll();
		await waitFor(() => played.length > 0 || null, 'the 24/7 join', 5_000);
		restorer.cancel();

		expect(played.map((station) => station.id)).to.deep.equal([custom.id]);
		expect(reads()).to.equal(3);
	});

	it('GIVEN a saved session whose custom station was removed WHEN resuming THEN it is dropped and its record deleted', async () => {
		const saved: SessionRecord = {
			guildId,
			channelId,
			stationId: `g${guildId}-removed`,
			volume: 100,
			textChannelId: null,
			since: 1,
			card: null,
			failoverFromId: null
		};
		const { store, deleted } = storeLockedFor(0, { sessions: [saved], settings: DefaultGuildSettings });
		const { restorer, recorder, played } = restorerFor(store);

		await restorer.resumeAll();
		await waitFor(async () => (await recorder.flush(), deleted.length > 0) || null, 'the stale record to be deleted', 5_000);

		expect(deleted).to.deep.equal([guildId]);
		expect(played).to.deep.equal([]);
	});

	it('GIVEN a saved session with a now-playing card, standing in for a station after a failover WHEN resumed THEN the card is adopted before the join, and the original is remembered after it', async () => {
		const spare = {
			id: 'spare',
			name: 'Spare',
			url: 'http://radio.example/spare',
			aliases: [],
			bitrate: 128,
			format: 'MP3',
			description: ''
		} as Station;
		const main = { ...spare, id: 'main', name: 'Main', fallback: ['spare'] };
		const saved: SessionRecord = {
			guildId,
			channelId,
			stationId: 'spare',
			volume: 100,
			textChannelId: null,
			since: 1,
			card: { channelId: '500000000000000005', messageId: '600000000000000006' },
			failoverFromId: 'main'
		};
		const { store } = storeLockedFor(0, { sessions: [saved], settings: DefaultGuildSettings });
		const { restorer, events } = restorerFor(store, { shared: [main, spare] });

		await restorer.resumeAll();
		await waitFor(() => events.length >= 3 || null, 'the resume', 5_000);
		expect(events).to.deep.equal(['adopt card 600000000000000006', 'play spare', 'stand in for main']);
	});

	it('GIVEN a saved session with a card whose voice channel is gone WHEN resuming THEN it is dropped, and so is its card', async () => {
		const saved: SessionRecord = {
			guildId,
			channelId: '999999999999999999',
			stationId: custom.id,
			volume: 100,
			textChannelId: null,
			since: 1,
			card: { channelId: '500000000000000005', messageId: '600000000000000006' },
			failoverFromId: null
		};
		const { store, deleted } = storeLockedFor(0, { sessions: [saved], settings: DefaultGuildSettings });
		const { restorer, recorder, events } = restorerFor(store);
		await restorer.resumeAll();
		await waitFor(async () => (await recorder.flush(), deleted.length > 0) || null, 'the record to be deleted', 5_000);
		expect(events).to.deep.equal(['forget card']);
	});

	describe('at shutdown', () => {
		const otherGuild = '100000000000000002';
		const savedIn = (id: string): SessionRecord => ({
			guildId: id,
			channelId,
			stationId: custom.id,
			volume: 100,
			textChannelId: null,
			since: 1,
			card: null,
			failoverFromId: null
		});

		it('GIVEN a saved session whose rejoin keeps failing WHEN the restorer stops after the first failure THEN it tries no more and keeps the record for the next start', async () => {
			const { store, deleted } = storeLockedFor(0, { sessions: [savedIn(guildId)], settings: DefaultGuildSettings });
			const { restorer, recorder, played } = restorerFor(store, { joinFails: true, retryDelayMs: 100 });
			await restorer.resumeAll();
			await waitFor(() => played.length > 0 || null, 'the first rejoin attempt', 5_000, 1);
			restorer.stop();
			// Three attempts 100–200 ms apart would have been spent, and the record deleted, well within this.
			await new Promise((resolve) => setTimeout(resolve, 600));
			await recorder.flush();
			expect(played).to.have.lengthOf(1);
			expect(deleted).to.deep.equal([]);
		});

		it('GIVEN the same failing rejoin WHEN nothing stops it THEN it is given up after its attempts and its record deleted (the case stop() prevents)', async () => {
			const { store, deleted } = storeLockedFor(0, { sessions: [savedIn(guildId)], settings: DefaultGuildSettings });
			const { restorer, recorder, played } = restorerFor(store, { joinFails: true, retryDelayMs: 100 });
			await restorer.resumeAll();
			await waitFor(async () => (await recorder.flush(), deleted.length > 0) || null, 'the record to be deleted', 5_000);
			expect(played).to.have.lengthOf(3);
		});

		it('GIVEN rejoins planned for later WHEN the restorer stops THEN none of them starts', async () => {
			const { store } = storeLockedFor(0, { sessions: [savedIn(guildId), savedIn(otherGuild)], settings: DefaultGuildSettings });
			const { restorer, played } = restorerFor(store, { windowMs: 300 });
			await restorer.resumeAll();
			await waitFor(() => played.length > 0 || null, 'the first rejoin, at once', 5_000, 1);
			restorer.stop();
			await new Promise((resolve) => setTimeout(resolve, 600));
			expect(played).to.have.lengthOf(1);
		});
	});
});
