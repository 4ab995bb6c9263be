import { createClient } from '@keyv/redis';
import { expect } from 'chai';
import pino from 'pino';
import { MemberStations } from '#lib/favorites/MemberStations';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import type { StoreChange } from '#lib/settings/types';
import { RedisServer } from '#support/RedisServer';
import { waitFor } from '#support/waitFor';

const guildId = '100000000000000301';
const station = {
	id: `g${guildId}-jazz`,
	name: 'Jazz',
	url: 'https://radio.example/jazz.mp3',
	aliases: ['jazz'],
	format: 'MP3',
	bitrate: 128,
	addedBy: '300000000000000001',
	addedAt: 1_764_000_000_000
};

describe('GIVEN two instances sharing settings through one real Redis', () => {
	let redis: RedisServer;
	let first: OpenedSettingsStore;
	let second: OpenedSettingsStore;
	let heardBySecond: StoreChange[];
	let heardByFirst: StoreChange[];
	let counter = 0;

	before(async () => {
		redis = await RedisServer.start();
	});

	after(async () => {
		await redis.kill();
	});

	beforeEach(async () => {
		const namespace = `shared${++counter}`;
		// A cache far longer than any test: only a change message can make the second store read again.
		first = await openSettingsStore({ redisUrl: redis.url, namespace, cacheTtlMs: 600_000, instanceId: 'first' });
		second = await openSettingsStore({ redisUrl: redis.url, namespace, cacheTtlMs: 600_000, instanceId: 'second' });
		heardBySecond = [];
		heardByFirst = [];
		second.onChange((change) => heardBySecond.push(change));
		first.onChange((change) => heardByFirst.push(change));
	});

	afterEach(async () => {
		await Promise.all([first?.close(), second?.close()]);
	});

	it('WHEN one changes a server setting the other has cached THEN the other answers with the new value, without waiting for its cache to expire', async () => {
		expect((await second.guild(guildId)).language).to.equal(null);
		await first.updateGuild(guildId, { language: 'de' });
		const language = await waitFor(async () => (await second.guild(guildId)).language, 'the second instance to see the change', 5_000, 10);
		expect(language).to.equal('de');
		expect(heardBySecond).to.deep.equal([{ kind: 'guild', guildId }]);
	});

	it('WHEN one resets a server THEN the other drops its cached settings too', async () => {
		await first.updateGuild(guildId, { autoJoin: true });
		await waitFor(async () => (await second.guild(guildId)).autoJoin, 'the second instance to see auto-join on', 5_000, 10);
		await first.resetGuild(guildId);
		await waitFor(async () => !(await second.guild(guildId)).autoJoin, 'the second instance to see the reset', 5_000, 10);
	});

	it('WHEN one saves a server`s custom stations THEN the other hears which server, and its own writes are not echoed back to it', async () => {
		await first.saveCustomStations(guildId, [station]);
		await waitFor(() => heardBySecond.length > 0, 'the change message', 5_000, 10);
		expect(heardBySecond).to.deep.equal([{ kind: 'stations', guildId }]);
		// A write of the second store afterwards: its message reaches the first, so the first's silence above was no delay.
		await second.updateGuild(guildId, { language: 'fr' });
		await waitFor(() => heardByFirst.length > 0, 'the second store`s change message', 5_000, 10);
		expect(heardByFirst).to.deep.equal([{ kind: 'guild', guildId }]);
		expect(heardBySecond).to.have.lengthOf(1);
	});

	it('WHEN a member stars a station through one instance THEN the other instance, which had their favourites cached, shows it at once', async () => {
		const userId = '300000000000000077';
		const log = pino({ level: 'silent' });
		const here = new MemberStations({ store: () => first, maxFavorites: 5, log, cacheTtlMs: 600_000 });
		const there = new MemberStations({ store: () => second, maxFavorites: 5, log, cacheTtlMs: 600_000 });
		second.onChange((change) => there.changedElsewhere(change));
		expect((await there.get(userId)).favorites).to.deep.equal([]);
		await here.toggle(userId, {
			id: 'jazz-fm',
			name: 'Jazz FM',
			url: 'https://radio.example/jazz.mp3',
			aliases: [],
			format: 'MP3',
			bitrate: 128,
			description: ''
		});
		const favorites = await waitFor(
			async () => ((await there.get(userId)).favorites.length > 0 ? (await there.get(userId)).favorites : null),
			'the second instance to see the favourite',
			5_000,
			10
		);
		expect(favorites.map((favorite) => favorite.id)).to.deep.equal(['jazz-fm']);
		expect(heardBySecond).to.deep.include({ kind: 'member', userId });
	});

	it('WHEN something else publishes on the change channel (not JSON, the wrong shape, a huge message) THEN it is ignored', async () => {
		const publisher = createClient({ url: redis.url });
		await publisher.connect();
		try {
			const channel = `shared${counter}:changes`;
			for (const message of [
				'not json',
				'{"from":"x","kind":"drop-everything","guildId":"1"}',
				'{"from":"x","kind":"guild","guildId":"<@everyone>"}',
				`{"from":"x","kind":"guild","guildId":"1","pad":"${'a'.repeat(1_000)}"}`
			]) {
				await publisher.publish(channel, message);
			}
			await publisher.publish(channel, JSON.stringify({ from: 'x', kind: 'guild', guildId }));
			await waitFor(() => heardBySecond.length > 0, 'the one well-formed message', 5_000, 10);
			expect(heardBySecond).to.deep.equal([{ kind: 'guild', guildId }]);
		} finally {
			publisher.destroy();
		}
	});

	it('WHEN Redis restarts (messages may have been lost meanwhile) THEN the other instance drops every cached setting', async () => {
		await first.updateGuild(guildId, { language: 'de' });
		await waitFor(async () => (await second.guild(guildId)).language === 'de', 'the first change', 5_000, 10);
		heardBySecond.length = 0;
		await redis.restart();
		await waitFor(() => heardBySecond.some((change) => change.kind === 'everything'), 'the reconnect to be reported', 15_000, 50);
		// The restarted Redis is empty; a second that still answered from its cache would say 'de'.
		const language = await waitFor(
			async () => {
				try {
					return { language: (await second.guild(guildId)).language };
				} catch {
					return null;
				}
			},
			'the second store to answer again',
			15_000,
			100
		);
		expect(language).to.deep.equal({ language: null });
	});

	it('WHEN instances report their counts THEN each sees every live report, and a report disappears when removed or when its time runs out', async () => {
		const shared = [first.shared!, second.shared!];
		const report = (instanceId: string, guilds: number) => ({
			instanceId,
			shardIds: [0],
			shardCount: 2,
			guilds,
			sessions: 1,
			pipelines: 1,
			at: Date.now()
		});
		await shared[0]!.putInstance(report('first', 3), 60_000);
		await shared[1]!.putInstance(report('second', 4), 300);
		expect((await shared[0]!.instances()).map((stats) => stats.guilds).sort()).to.deep.equal([3, 4]);
		await waitFor(async () => (await shared[0]!.instances()).length === 1, 'the short-lived report to expire', 5_000, 50);
		await shared[0]!.removeInstance('first');
		expect(await shared[1]!.instances()).to.deep.equal([]);
	});

	it('WHEN a store closes THEN it stops listening (its subscriber connection ends)', async () => {
		const client = createClient({ url: redis.url });
		await client.connect();
		try {
			const subscribers = async () =>
				Number(((await client.sendCommand(['PUBSUB', 'NUMSUB', `shared${counter}:changes`])) as [string, number])[1]);
			expect(await subscribers()).to.equal(2);
			await first.close();
			await waitFor(async () => (await subscribers()) === 1, 'one subscriber left', 5_000, 20);
		} finally {
			client.destroy();
		}
	});

	it('WHEN eight instances open the same namespace at the same moment (a ShardingManager starting its processes) THEN every one opens', async () => {
		const namespace = `together${counter}`;
		const stores = await Promise.allSettled(
			Array.from({ length: 8 }, (_, index) => openSettingsStore({ redisUrl: redis.url, namespace, instanceId: `shard${index}` }))
		);
		await Promise.all(stores.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
		expect(stores.map((result) => (result.status === 'fulfilled' ? 'opened' : String(result.reason)))).to.deep.equal(Array(8).fill('opened'));
	});
});
