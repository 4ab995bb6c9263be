import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderMessage } from '#emulator/index';
import { en, enPattern } from '#support/en';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';

/**
 * Voice joins held in the bot's gateway queue (a budget of a few joins a minute makes three servers wait for it): the
 * replies say only what is true, and a join its command gave up on never reaches Discord.
 */
const testTone = { name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 };

const channelOf = (world: WorldGuild) => `<#${world.lounge.id}>`;
const queuedPattern = (world: WorldGuild) => enPattern('commands/radio:playQueued', { channel: channelOf(world), when: /<t:\d+:R>/ });
const nowPlaying = (world: WorldGuild) => en('commands/radio:playNowPlaying', { station: testTone.name, channel: channelOf(world) });
const withdrawn = (world: WorldGuild) => en('commands/radio:playQueuedTooLong', { channel: channelOf(world) });

/** Every state the reply went through, as text. */
const texts = (reply: { messages: unknown[] }) => reply.messages.map((message) => renderMessage(message as never));

async function playEverywhere(world: RadioWorld) {
	for (const { member, lounge } of world.guilds) await member.joinVoice(lounge);
	return Promise.all(world.guilds.map(({ member }) => member.run('radio play', { station: testTone.alias })));
}

describe('GIVEN a gateway budget of 6 voice joins a minute and a 3 s limit on waiting for it', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [testTone],
			guilds: 3,
			config: { voice: { gateway_joins_per_minute: 6, join_queue_wait_seconds: 3 } }
		});
	});

	after(() => world?.stop());

	it('WHEN three servers play at once THEN a join that waited too long is withdrawn and said so (never "now playing", never permissions), and never reaches Discord', async () => {
		const replies = await playEverywhere(world);
		const finals = await Promise.all(
			replies.map((reply, index) =>
				reply.waitFor(
					(message) =>
						[nowPlaying(world.guilds[index]!), withdrawn(world.guilds[index]!)].some((text) => renderMessage(message).includes(text)),
					20_000
				)
			)
		);
		const outcomes = finals.map((message, index) => (renderMessage(message) === withdrawn(world.guilds[index]!) ? 'withdrawn' : 'playing'));
		// One join a 10 s: whichever came first plays, the others cannot go out within their 3 s.
		expect(outcomes.filter((outcome) => outcome === 'withdrawn').length, outcomes.join()).to.be.at.least(1);

		const joinFailed = world.guilds.map((guild) => en('commands/radio:playJoinFailed', { channel: channelOf(guild) }));
		for (const [index, reply] of replies.entries()) {
			const guild = world.guilds[index]!;
			const said = texts(reply);
			expect(
				said.some((text) => joinFailed.some((failed) => text.includes(failed))),
				`server ${index + 1}: ${said.join(' | ')}`
			).to.equal(false);
			if (outcomes[index] === 'withdrawn') {
				expect(
					said.some((text) => queuedPattern(guild).test(text)),
					`server ${index + 1} was told it waits`
				).to.equal(true);
				expect(said.some((text) => text.includes(nowPlaying(guild)))).to.equal(false);
			} else {
				const audio = await world.emu.voice(guild.guild)!.capture(1_000);
				expect(audio.dominantFrequency(), `server ${index + 1} hears its station`).to.be.closeTo(440, 10);
			}
		}

		// Past the time the withdrawn joins would have had their turn (one every 10 s): none ever went out.
		await sleep(12_000);
		const joinsSent = world.emu.gateway.sessions.flatMap((session) => session.voiceStateUpdates.map((command) => command.d));
		for (const [index, guild] of world.guilds.entries()) {
			if (outcomes[index] !== 'withdrawn') continue;
			expect(
				joinsSent.filter((update) => (update as { guild_id?: string }).guild_id === guild.guild.id),
				`server ${index + 1}'s op 4`
			).to.deep.equal([]);
			expect(world.emu.voice(guild.guild), `server ${index + 1}`).to.equal(undefined);
		}
	});
});

describe('GIVEN a gateway budget of 12 voice joins a minute and a 30 s limit on waiting for it', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [testTone],
			guilds: 2,
			config: { voice: { gateway_joins_per_minute: 12, join_queue_wait_seconds: 30 } }
		});
	});

	after(() => world?.stop());

	it('WHEN two servers play at once THEN the one that waits is told so first, and told "now playing" only once it is in its channel and hears the station', async () => {
		const replies = await playEverywhere(world);
		await Promise.all(
			replies.map((reply, index) => reply.waitFor((message) => renderMessage(message).includes(nowPlaying(world.guilds[index]!)), 30_000))
		);
		const waited = replies.findIndex((reply, index) => texts(reply).some((text) => queuedPattern(world.guilds[index]!).test(text)));
		expect(waited, 'one of the two joins waited for the budget').to.be.at.least(0);

		const guild = world.guilds[waited]!;
		const said = texts(replies[waited]!);
		// The queued message came first and was replaced, not kept above the answer.
		expect(queuedPattern(guild).test(said[0]!), said.join(' | ')).to.equal(true);
		expect(said.at(-1)).to.include(nowPlaying(guild));
		expect(queuedPattern(guild).test(said.at(-1)!)).to.equal(false);
		const audio = await world.emu.voice(guild.guild)!.capture(1_000);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 10);
	});
});
