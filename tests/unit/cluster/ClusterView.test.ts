import { expect } from 'chai';
import { Client, GatewayIntentBits, Status, WebSocketShard } from 'discord.js';
import pino from 'pino';
import { ClusterView, type InstanceStats } from '#lib/cluster/ClusterView';
import { readinessOf } from '#lib/cluster/readiness';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import { RedisServer } from '#support/RedisServer';
import { waitFor } from '#support/waitFor';

const log = pino({ level: 'silent' });
const counts = (guilds: number, shardIds: number[] = [0]) => ({ shardIds, shardCount: 2, guilds, sessions: guilds - 1, pipelines: 1 });

function view(options: Partial<ConstructorParameters<typeof ClusterView>[0]> & { guilds?: number } = {}) {
	const { guilds = 3, ...rest } = options;
	return new ClusterView({
		instanceId: 'this',
		local: () => counts(guilds),
		shared: null,
		shardProcesses: null,
		intervalMs: 60_000,
		timeoutMs: 200,
		log,
		...rest
	});
}

const report = (instanceId: string, guilds: number, shardIds: number[]): InstanceStats => ({ ...counts(guilds, shardIds), instanceId, at: 1 });

describe('ClusterView', () => {
	it('GIVEN a single process WHEN asked for totals THEN they are its own counts, complete', async () => {
		expect(await view().totals()).to.deep.equal({ guilds: 3, sessions: 2, pipelines: 1, instances: 1, shards: 1, complete: true });
	});

	it('GIVEN the processes of a ShardingManager WHEN asked THEN their answers add up, this process counted once with its fresh numbers, and malformed answers are skipped', async () => {
		const processes = () =>
			Promise.resolve<unknown[]>([report('this', 999, [0]), report('other', 5, [1]), null, { instanceId: 'x', guilds: -1 }]);
		expect(await view({ shardProcesses: processes }).totals()).to.deep.equal({
			guilds: 8,
			sessions: 6,
			pipelines: 2,
			instances: 2,
			shards: 2,
			complete: true
		});
	});

	it('GIVEN processes that do not answer in time WHEN asked THEN the totals are this process`s alone and say they are incomplete', async () => {
		const never = () => new Promise<unknown[]>(() => undefined);
		expect(await view({ shardProcesses: never, timeoutMs: 50 }).totals()).to.deep.include({ guilds: 3, instances: 1, complete: false });
	});

	describe('GIVEN two instances sharing one real Redis', () => {
		let redis: RedisServer;
		let stores: OpenedSettingsStore[];

		before(async () => {
			redis = await RedisServer.start();
		});

		after(async () => {
			await redis.kill();
		});

		beforeEach(async () => {
			stores = await Promise.all(['a', 'b'].map((instanceId) => openSettingsStore({ redisUrl: redis.url, namespace: 'cluster', instanceId })));
		});

		afterEach(async () => {
			await Promise.all(stores.map((store) => store.close()));
		});

		it('WHEN both report THEN each one`s totals include the other; WHEN one stops THEN it drops out at once', async () => {
			const [a, b] = stores.map(
				(store, index) =>
					new ClusterView({
						...viewDefaults(),
						instanceId: store.shared!.instanceId,
						shared: store.shared!,
						local: () => counts(10 * (index + 1), [index])
					})
			) as [ClusterView, ClusterView];
			a.start();
			b.start();
			const both = await waitFor(async () => {
				const totals = await a.totals();
				return totals.instances === 2 ? totals : null;
			}, 'both reports');
			expect(both).to.deep.equal({ guilds: 30, sessions: 28, pipelines: 2, instances: 2, shards: 2, complete: true });
			await b.stop();
			expect(await a.totals()).to.deep.include({ guilds: 10, instances: 1 });
			await a.stop();
		});

		it('WHEN Redis is gone THEN the totals are this instance`s alone, marked incomplete', async () => {
			const a = new ClusterView({ ...viewDefaults(), shared: stores[0]!.shared! });
			await redis.kill();
			try {
				expect(await a.totals()).to.deep.include({ guilds: 3, instances: 1, complete: false });
			} finally {
				await redis.restart();
			}
		});
	});
});

function viewDefaults() {
	return { instanceId: 'this', local: () => counts(3), shardProcesses: null, intervalMs: 60_000, timeoutMs: 1_000, log };
}

describe('readinessOf', () => {
	function clientWith(statuses: Record<number, Status>): Client {
		const client = new Client({ intents: [GatewayIntentBits.Guilds], shards: [0, 1], shardCount: 2 });
		for (const [id, status] of Object.entries(statuses)) {
			// discord.js builds its shards at login; its constructor is private to its types only.
			const shard = new (WebSocketShard as unknown as new (manager: unknown, id: number) => WebSocketShard)(client.ws, Number(id));
			shard.status = status;
			client.ws.shards.set(Number(id), shard);
		}
		return client;
	}

	it('GIVEN one of the two shards still connecting WHEN checked THEN not ready, naming each shard`s status', () => {
		expect(readinessOf(clientWith({ 0: Status.Ready, 1: Status.Connecting }), true)).to.deep.equal({
			ready: false,
			shards: [
				{ id: 0, status: 'Ready' },
				{ id: 1, status: 'Connecting' }
			],
			voice: true
		});
	});

	it('GIVEN a shard not even created yet WHEN checked THEN not ready', () => {
		expect(readinessOf(clientWith({ 0: Status.Ready }), true).ready).to.equal(false);
	});

	it('GIVEN every shard ready WHEN the voice service runs THEN ready; WHEN it is shutting down THEN not', () => {
		const client = clientWith({ 0: Status.Ready, 1: Status.Ready });
		expect(readinessOf(client, true).ready).to.equal(true);
		expect(readinessOf(client, false)).to.deep.include({ ready: false, voice: false });
	});
});
