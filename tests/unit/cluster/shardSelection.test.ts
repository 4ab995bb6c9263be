import { expect } from 'chai';
import { readShardSelection, ShardSelectionError } from '#lib/cluster/shardSelection';

function errorFor(env: NodeJS.ProcessEnv): string {
	try {
		readShardSelection(env);
	} catch (error) {
		expect(error).to.be.instanceOf(ShardSelectionError);
		return (error as Error).message;
	}
	throw new Error(`no error for ${JSON.stringify(env)}`);
}

describe('readShardSelection', () => {
	it('GIVEN neither SHARD_COUNT nor SHARD_IDS WHEN read THEN the count is chosen automatically', () => {
		expect(readShardSelection({})).to.deep.equal({ kind: 'auto' });
		expect(readShardSelection({ SHARD_COUNT: '  ' })).to.deep.equal({ kind: 'auto' });
	});

	it('GIVEN SHARD_COUNT alone WHEN read THEN this instance runs every shard of that count', () => {
		expect(readShardSelection({ SHARD_COUNT: '3' })).to.deep.equal({ kind: 'fixed', count: 3, ids: [0, 1, 2] });
	});

	it('GIVEN SHARD_IDS with ids and ranges WHEN read THEN this instance runs exactly those, sorted', () => {
		expect(readShardSelection({ SHARD_COUNT: '8', SHARD_IDS: ' 5-7, 0 ,2' })).to.deep.equal({ kind: 'fixed', count: 8, ids: [0, 2, 5, 6, 7] });
		expect(readShardSelection({ SHARD_COUNT: '2', SHARD_IDS: '1' })).to.deep.equal({ kind: 'fixed', count: 2, ids: [1] });
	});

	it('GIVEN a process started by the ShardingManager WHEN read THEN discord.js`s own SHARDS wins over an inherited SHARD_IDS', () => {
		expect(readShardSelection({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2', SHARD_IDS: '0,1' })).to.deep.equal({ kind: 'managed' });
	});

	it('GIVEN mistakes WHEN read THEN each is refused with a message naming the variable and what is allowed', () => {
		expect(errorFor({ SHARD_IDS: '0' })).to.include('SHARD_COUNT is not');
		expect(errorFor({ SHARD_COUNT: 'two' }))
			.to.include('SHARD_COUNT must be a whole number')
			.and.include('"two"');
		expect(errorFor({ SHARD_COUNT: '0' })).to.include('from 1');
		expect(errorFor({ SHARD_COUNT: '99999999' })).to.include('10000');
		expect(errorFor({ SHARD_COUNT: '2', SHARD_IDS: '2' }))
			.to.include('shard 2')
			.and.include('from 0 to 1');
		expect(errorFor({ SHARD_COUNT: '4', SHARD_IDS: '3-1' })).to.include('ends before it starts');
		expect(errorFor({ SHARD_COUNT: '4', SHARD_IDS: '0,1-2,2' })).to.include('shard 2 twice');
		expect(errorFor({ SHARD_COUNT: '4', SHARD_IDS: 'all' })).to.include('"0,2,5-7"');
	});
});
