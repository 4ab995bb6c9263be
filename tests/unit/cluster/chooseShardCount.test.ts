import { expect } from 'chai';
import { chooseShardCount, rejoinsPerShardMinute, resumableSessionsPerShard, shardOfGuild } from '#lib/cluster/chooseShardCount';

/** A guild id created at millisecond `ms` after Discord's epoch (the part of the id that picks the shard). */
const guildAt = (ms: number) => String((BigInt(ms) << 22n) | 1234n);

describe('chooseShardCount', () => {
	it('GIVEN guild ids WHEN routed THEN they follow Discord`s (guild_id >> 22) % shard_count', () => {
		expect(shardOfGuild(guildAt(7), 3)).to.equal(1);
		expect(shardOfGuild('81384788765712384', 10)).to.equal(Number((81384788765712384n >> 22n) % 10n));
	});

	it('GIVEN few saved sessions WHEN choosing THEN Discord`s recommendation stands', () => {
		const sessionGuildIds = Array.from({ length: 50 }, (_, index) => guildAt(index));
		expect(chooseShardCount({ recommended: 2, sessionGuildIds, joinsPerShardMinute: 100, maxShards: 64 })).to.deep.equal({
			count: 2,
			busiestShard: 25,
			reason: 'recommended'
		});
	});

	it('GIVEN 1,000 saved sessions and 100 rejoins a shard-minute WHEN choosing THEN it takes the fewest shards whose busiest shard rejoins within a minute', () => {
		// Evenly spread ids: 10 shards of exactly 100.
		const even = Array.from({ length: 1_000 }, (_, index) => guildAt(index));
		expect(chooseShardCount({ recommended: 1, sessionGuildIds: even, joinsPerShardMinute: 100, maxShards: 64 })).to.deep.include({
			count: 10,
			reason: 'sessions'
		});
		// Real ids do not split evenly: the count is the first one whose busiest shard fits, checked with those ids.
		const uneven = Array.from({ length: 1_000 }, (_, index) => guildAt(index * 7 + (index % 13) * 11));
		const choice = chooseShardCount({ recommended: 1, sessionGuildIds: uneven, joinsPerShardMinute: 100, maxShards: 64 });
		expect(choice.busiestShard).to.be.at.most(100);
		const busiest = (count: number) =>
			Math.max(...Array.from({ length: count }, (_, shard) => uneven.filter((id) => shardOfGuild(id, count) === shard).length));
		for (let fewer = 1; fewer < choice.count; fewer++) expect(busiest(fewer), `${fewer} shards`).to.be.above(100);
		expect(busiest(choice.count)).to.equal(choice.busiestShard);
	});

	it('GIVEN a cap too low for the sessions WHEN choosing THEN the cap is used and says so; Discord`s recommendation still beats the cap', () => {
		const sessionGuildIds = Array.from({ length: 1_000 }, (_, index) => guildAt(index));
		expect(chooseShardCount({ recommended: 1, sessionGuildIds, joinsPerShardMinute: 100, maxShards: 4 })).to.deep.equal({
			count: 4,
			busiestShard: 250,
			reason: 'max_shards'
		});
		expect(chooseShardCount({ recommended: 8, sessionGuildIds: [], joinsPerShardMinute: 100, maxShards: 4 }).count).to.equal(8);
	});

	it('GIVEN the same guild saved twice or a malformed id WHEN choosing THEN each guild counts once and the malformed one not at all', () => {
		const id = guildAt(1);
		expect(chooseShardCount({ recommended: 1, sessionGuildIds: [id, id, 'not-an-id'], joinsPerShardMinute: 1, maxShards: 8 })).to.deep.equal({
			count: 1,
			busiestShard: 1,
			reason: 'recommended'
		});
	});

	it('GIVEN a resume budget above what the voice gateway queue lets out per shard WHEN the rejoin rate is taken THEN it is the queue`s, and the other way round the resume`s', () => {
		expect(rejoinsPerShardMinute({ resume: { joinsPerShardMinute: 114 }, voice: { gatewayJoinsPerMinute: 100 } })).to.equal(100);
		expect(rejoinsPerShardMinute({ resume: { joinsPerShardMinute: 60 }, voice: { gatewayJoinsPerMinute: 100 } })).to.equal(60);
	});

	it('GIVEN the default budgets (100 joins a minute, a 15 s join timeout) WHEN sizing a shard for a one-minute resume THEN it holds 75 sessions: 45 s at the rejoin pace', () => {
		const sized = (joinsPerShardMinute: number, joinTimeoutSeconds: number) =>
			resumableSessionsPerShard({ resume: { joinsPerShardMinute }, voice: { gatewayJoinsPerMinute: 100, joinTimeoutSeconds } });
		expect(sized(100, 15)).to.equal(75);
		// A slower resume budget and a longer join timeout leave less: 30 s at 60 a minute.
		expect(sized(60, 30)).to.equal(30);
	});
});
