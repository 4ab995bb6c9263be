import { joinVoiceChannel, type DiscordGatewayAdapterCreator } from '@discordjs/voice';
import { expect } from 'chai';
import pino from 'pino';
import { VoiceGatewayQueue, worthTelling, type QueuedGuild } from '#lib/voice/VoiceGatewayQueue';

interface Sent {
	guildId: string;
	channelId: string | null;
}

/** A shard as discord.js's adapter sees it: it sends while Ready, and refuses otherwise. */
class FakeShard {
	public readonly sent: Sent[] = [];
	public ready = true;

	public guild(id: string, shardId = 0, inChannel: string | null = null): QueuedGuild {
		const voiceAdapterCreator: DiscordGatewayAdapterCreator = () => ({
			sendPayload: (payload) => {
				if (!this.ready) return false;
				const { d } = payload as { d: { guild_id: string; channel_id: string | null } };
				this.sent.push({ guildId: d.guild_id, channelId: d.channel_id });
				return true;
			},
			destroy: () => undefined
		});
		return { id, shardId, voiceAdapterCreator, members: { me: { voice: { channelId: inChannel } } } };
	}
}

describe('VoiceGatewayQueue (voice joins wait their turn before discord.js sends them)', () => {
	const logged: Record<string, unknown>[] = [];
	const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
	let queue: VoiceGatewayQueue;
	let clock: number;
	afterEach(() => queue.close());

	/** A queue on a clock the test moves, or on the real one (`realClock`) where payloads must go out as time passes. */
	function newQueue(perMinute: number, burst: number, realClock = false): VoiceGatewayQueue {
		clock = 1_000_000;
		queue = new VoiceGatewayQueue({ perMinute, burst, log, now: realClock ? Date.now : () => clock });
		return queue;
	}

	function join(guild: QueuedGuild, channelId: string) {
		return joinVoiceChannel({ guildId: guild.id, channelId, adapterCreator: queue.adapterFor(guild), selfDeaf: true });
	}

	it('GIVEN a burst of 2 WHEN three servers join THEN two joins go out at once and the third waits first in line with a wait that follows the pace', () => {
		const shard = new FakeShard();
		newQueue(60, 2);
		const connections = ['1', '2', '3'].map((id) => join(shard.guild(id), `c${id}`));
		expect(shard.sent).to.deep.equal([
			{ guildId: '1', channelId: 'c1' },
			{ guildId: '2', channelId: 'c2' }
		]);
		// One per second at 60 a minute: the next token is a full second away, then half a second after 500 ms.
		expect(queue.position('3')).to.deep.equal({ ahead: 0, etaMs: 1_000 });
		clock += 500;
		expect(queue.position('3')).to.deep.equal({ ahead: 0, etaMs: 500 });
		expect(queue.position('1')).to.equal(null);
		for (const connection of connections) connection.destroy();
	});

	it('GIVEN a join waiting in line WHEN its connection is destroyed THEN neither the join nor a leave ever reaches Discord and its waiter hears false', async () => {
		const shard = new FakeShard();
		newQueue(60, 1);
		const first = join(shard.guild('1'), 'c1');
		const second = join(shard.guild('2'), 'c2');
		const sent = queue.whenSent('2');
		second.destroy();
		expect(await sent).to.equal(false);
		expect(queue.waiting).to.equal(0);
		first.destroy();
		expect(shard.sent).to.deep.equal([{ guildId: '1', channelId: 'c1' }]);
		expect(logged.some((line) => line.guildId === '2' && String(line.msg).includes('withdrawn'))).to.equal(true);
	});

	it('GIVEN the bot already in a channel and its move waiting WHEN the connection is destroyed THEN the leave replaces the move and goes out', async () => {
		const shard = new FakeShard();
		newQueue(60_000, 1, true);
		join(shard.guild('9'), 'c9').destroy(); // spends the one token: the next payload waits
		const guild = shard.guild('1', 0, 'old');
		const connection = join(guild, 'new');
		expect(queue.position('1')).to.not.equal(null);
		connection.destroy();
		expect(await queue.whenSent('1')).to.equal(true);
		expect(shard.sent.filter((payload) => payload.guildId === '1')).to.deep.equal([{ guildId: '1', channelId: null }]);
	});

	it('GIVEN a shard that is not Ready WHEN a join is sent THEN it keeps its place and goes out once the shard is Ready', async () => {
		const shard = new FakeShard();
		shard.ready = false;
		newQueue(60_000, 5);
		const connection = join(shard.guild('1'), 'c1');
		expect(shard.sent).to.deep.equal([]);
		expect(queue.position('1')?.ahead).to.equal(0);
		shard.ready = true;
		expect(await queue.whenSent('1')).to.equal(true);
		expect(shard.sent).to.deep.equal([{ guildId: '1', channelId: 'c1' }]);
		connection.destroy();
	});

	it('GIVEN two shards WHEN one has spent its budget THEN the other still sends at once', () => {
		const shard = new FakeShard();
		newQueue(60, 1);
		const a = join(shard.guild('1', 0), 'c1');
		const b = join(shard.guild('2', 0), 'c2');
		const c = join(shard.guild('3', 1), 'c3');
		expect(shard.sent.map((payload) => payload.guildId)).to.deep.equal(['1', '3']);
		expect(queue.position('2')).to.deep.include({ ahead: 0 });
		for (const connection of [a, b, c]) connection.destroy();
	});

	it('GIVEN joins waiting WHEN one is withdrawn THEN those behind it move up and it is never sent', async () => {
		const shard = new FakeShard();
		newQueue(60, 1);
		const connections = ['1', '2', '3', '4'].map((id) => join(shard.guild(id), `c${id}`));
		expect(queue.position('4')).to.deep.include({ ahead: 2 });
		const sent = queue.whenSent('3');
		expect(queue.withdraw('3')).to.equal(true);
		expect(await sent).to.equal(false);
		expect(queue.position('4')).to.deep.include({ ahead: 1 });
		expect(queue.withdraw('3')).to.equal(false);
		queue.close();
		expect(shard.sent.map((payload) => payload.guildId)).to.deep.equal(['1']);
		for (const connection of connections) connection.destroy();
	});

	it('GIVEN joins waiting WHEN deciding whether to tell the member THEN a short wait goes unmentioned, a noticeable one is told once, and again only when it slips by over 10 s', () => {
		const now = 1_000_000;
		expect(worthTelling(null, { ahead: 0, etaMs: 1_500 }, now)).to.equal(false);
		expect(worthTelling(null, { ahead: 4, etaMs: 20_000 }, now)).to.equal(true);
		const shownAt = now + 20_000;
		// Moving up in line, or on time: the countdown the member sees is still right.
		expect(worthTelling(shownAt, { ahead: 2, etaMs: 15_000 }, now + 5_000)).to.equal(false);
		expect(worthTelling(shownAt, { ahead: 2, etaMs: 20_000 }, now + 9_000)).to.equal(false);
		// The shard stopped sending for a while: the join now goes out 15 s later than shown.
		expect(worthTelling(shownAt, { ahead: 2, etaMs: 30_000 }, now + 5_000)).to.equal(true);
	});
});
