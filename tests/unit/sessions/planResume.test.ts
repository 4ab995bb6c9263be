import { expect } from 'chai';
import { planResume, type ResumePlanInput } from '#lib/sessions/planResume';
import { DefaultGuildSettings, type GuildSettings, type SessionRecord } from '#lib/settings/types';

const record = (guildId: string, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
	guildId,
	channelId: `voice-${guildId}`,
	stationId: 'lofi',
	volume: 60,
	textChannelId: `text-${guildId}`,
	since: 1_000,
	card: null,
	failoverFromId: null,
	...overrides
});

const twentyFourSeven = (overrides: Partial<GuildSettings> = {}): GuildSettings => ({
	...DefaultGuildSettings,
	autoJoin: true,
	voiceChannelId: 'lounge',
	defaultStationId: 'jazz',
	noticeChannelId: 'notices',
	...overrides
});

function plan(input: Partial<ResumePlanInput>) {
	return planResume({ saved: [], autoJoin: new Map(), hasGuild: () => true, windowMs: 8_000, maxSpacingMs: 250, ...input });
}

describe('planResume', () => {
	it('GIVEN saved sessions of our guilds WHEN planning THEN each resumes with its channel, station, volume, text channel, start time, card and failover', () => {
		const card = { channelId: 'text-b', messageId: 'card-b' };
		const { joins } = plan({ saved: [record('a'), record('b', { stationId: 'rock', volume: 100, since: 2_000, card, failoverFromId: 'jazz' })] });
		const common = { source: 'saved' };
		expect(joins.map(({ delayMs: _delay, ...target }) => target)).to.deep.equal([
			{
				guildId: 'a',
				channelId: 'voice-a',
				stationId: 'lofi',
				volume: 60,
				textChannelId: 'text-a',
				since: 1_000,
				...common,
				card: null,
				failoverFromId: null
			},
			{
				guildId: 'b',
				channelId: 'voice-b',
				stationId: 'rock',
				volume: 100,
				textChannelId: 'text-b',
				since: 2_000,
				...common,
				card,
				failoverFromId: 'jazz'
			}
		]);
	});

	it('GIVEN sessions of guilds another instance serves WHEN planning THEN they are left alone, not joined and not dropped', () => {
		const { joins, foreign } = plan({ saved: [record('ours'), record('theirs')], hasGuild: (id) => id === 'ours' });
		expect(joins.map((join) => join.guildId)).to.deep.equal(['ours']);
		expect(foreign.map((entry) => entry.guildId)).to.deep.equal(['theirs']);
	});

	it('GIVEN two records for one guild WHEN planning THEN only the newest is resumed', () => {
		const { joins } = plan({ saved: [record('a', { stationId: 'old', since: 1 }), record('a', { stationId: 'new', since: 2 })] });
		expect(joins.map((join) => join.stationId)).to.deep.equal(['new']);
	});

	it('GIVEN 24/7 guilds WHEN planning THEN those without a saved session join their channel with the default station at the default volume', () => {
		const autoJoin = new Map([
			['a', twentyFourSeven()],
			['b', twentyFourSeven()],
			['c', twentyFourSeven({ voiceChannelId: null })],
			['d', twentyFourSeven({ autoJoin: false })]
		]);
		const { joins } = plan({ saved: [record('a')], autoJoin });
		expect(joins.map(({ guildId, source, stationId, channelId, volume }) => ({ guildId, source, stationId, channelId, volume }))).to.deep.equal([
			{ guildId: 'a', source: 'saved', stationId: 'lofi', channelId: 'voice-a', volume: 60 },
			{ guildId: 'b', source: 'autoJoin', stationId: 'jazz', channelId: 'lounge', volume: null }
		]);
		expect(joins[1]!.textChannelId).to.equal('notices');
		expect(joins[1]!.since).to.equal(null);
	});

	it('GIVEN a few guilds WHEN planning THEN joins start at once, at most the maximum spacing apart', () => {
		const { joins } = plan({ saved: [record('a'), record('b'), record('c')] });
		expect(joins.map((join) => join.delayMs)).to.deep.equal([0, 250, 500]);
	});

	it('GIVEN 1000 guilds WHEN planning THEN the joins are spread evenly and all start within the window', () => {
		const saved = Array.from({ length: 1_000 }, (_, index) => record(`g${index}`));
		const delays = plan({ saved }).joins.map((join) => join.delayMs);
		expect(delays).to.have.lengthOf(1_000);
		expect(delays[0]).to.equal(0);
		expect(Math.max(...delays)).to.equal(8_000);
		expect(new Set(delays).size).to.equal(1_000);
		expect(delays.every((delay, index) => index === 0 || delay >= delays[index - 1]!)).to.equal(true);
	});

	it('GIVEN nothing saved and no 24/7 guild WHEN planning THEN nothing is joined', () => {
		expect(plan({}).joins).to.deep.equal([]);
	});

	describe('with several shards', () => {
		/** Guild `s<shard>-<n>` lives on shard <shard>. */
		const shardOf = (guildId: string) => Number(/^s(\d+)-/.exec(guildId)![1]);
		const savedOn = (shards: number, perShard: number) =>
			Array.from({ length: shards * perShard }, (_, index) => record(`s${index % shards}-${Math.floor(index / shards)}`));
		const delaysOf = (joins: { guildId: string; delayMs: number }[], shard: number) =>
			joins.filter((join) => shardOf(join.guildId) === shard).map((join) => join.delayMs);

		it('GIVEN 3 shards with 20 joins each WHEN planning THEN every shard spreads its own joins over the whole window, at the same time as the others', () => {
			const { joins } = plan({ saved: savedOn(3, 20), shardOf, joinsPerShardMinute: 100 });
			for (const shard of [0, 1, 2]) {
				const delays = delaysOf(joins, shard);
				expect(delays, `shard ${shard}`).to.have.lengthOf(20);
				expect(delays[0], `shard ${shard} starts at once`).to.equal(0);
				expect(Math.max(...delays), `shard ${shard} uses the window`).to.equal(4_750);
				// One shard's joins are spaced as if it were alone (19 gaps of 250 ms), not a third of that.
				expect(delays.every((delay, index) => index === 0 || delay - delays[index - 1]! === 250)).to.equal(true);
			}
		});

		it('GIVEN a shard with more joins than its budget for a minute WHEN planning THEN the rest wait for the next minute, and no 60 s hold more than the budget', () => {
			const { joins } = plan({ saved: savedOn(2, 250), shardOf, joinsPerShardMinute: 100 });
			for (const shard of [0, 1]) {
				const delays = delaysOf(joins, shard).sort((a, b) => a - b);
				expect(delays).to.have.lengthOf(250);
				expect(delays.filter((delay) => delay < 60_000)).to.have.lengthOf(100);
				expect(delays.filter((delay) => delay >= 60_000 && delay < 120_000)).to.have.lengthOf(100);
				expect(delays.filter((delay) => delay >= 120_000)).to.have.lengthOf(50);
				// Wherever Discord's minute starts, it never sees more than 100 joins of this shard.
				for (const start of delays)
					expect(delays.filter((delay) => delay >= start && delay < start + 60_000).length, `from ${start} ms`).to.be.at.most(100);
				expect(Math.max(...delays)).to.be.at.most(120_000 + 8_000);
			}
		});

		it('GIVEN the guilds of other shards WHEN one shard has none THEN the others are unaffected', () => {
			const { joins } = plan({ saved: savedOn(2, 3), shardOf: (id) => (shardOf(id) === 0 ? 0 : 5), joinsPerShardMinute: 1 });
			expect(delaysOf(joins, 0)).to.deep.equal([0, 60_000, 120_000]);
			expect(joins.filter((join) => shardOf(join.guildId) === 1).map((join) => join.delayMs)).to.deep.equal([0, 60_000, 120_000]);
		});
	});
});
