import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { en, enPattern } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { addWorldGuild, botChannel, embedField, ensureInVoice, ensureStopped } from '#support/worldState';

const playMention = /<\/radio play:\d+>/;

describe('GIVEN a bot with two stations, listening statistics written every 2 s', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 },
				{ name: 'Second Tone', alias: 'second', path: '/second.mp3', frequency: 660 }
			],
			config: { stats: { flush_seconds: 2 } }
		});
	});

	after(() => world?.stop());

	it('WHEN a member favourites a station THEN /radio play offers it first, and picking it there plays it', async () => {
		const where = world.guilds[0]!;
		const { guild, lounge } = where;
		// A member of their own: favourites are per member, across servers.
		const fan = guild.addMember({ username: 'favourite-fan' });
		const added = renderMessage(await (await fan.run('radio favorite', { station: 'second' })).message());
		expect(added).to.match(enPattern('commands/radio:favoriteAdded', { station: 'Second Tone', favorites: 1, max: 25, command: playMention }));
		const choices = await fan.autocomplete('radio play', { station: '' }, 'station');
		expect(choices[0]).to.deep.equal({ name: '★ Second Tone · 128 kbps MP3', value: 'second-tone' });

		await ensureStopped(world, where);
		await ensureInVoice(fan, lounge);
		const played = renderMessage(await (await fan.run('radio play', { station: choices[0]!.value })).message());
		expect(played).to.match(enPattern('commands/radio:playNowPlaying', { station: 'Second Tone', channel: /<#\d+>/ }));
		const audio = await (await world.emu.waitForVoice(guild, 20_000)).capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(660, 660 * 0.02);
		await ensureStopped(world, where);
	});

	it('WHEN a member runs /radio play without a station THEN the station they started last plays', async () => {
		const where = world.guilds[0]!;
		const { guild, lounge } = where;
		const listener = guild.addMember({ username: 'last-station-listener' });
		await ensureStopped(world, where);
		await ensureInVoice(listener, lounge);
		expect(renderMessage(await (await listener.run('radio play')).message())).to.match(
			enPattern('commands/radio:playNoLastStation', { command: playMention })
		);
		await (await listener.run('radio play', { station: 'second' })).message();
		await ensureStopped(world, where);
		expect(renderMessage(await (await listener.run('radio play')).message())).to.match(
			enPattern('commands/radio:playNowPlaying', { station: 'Second Tone', channel: /<#\d+>/ })
		);
		const audio = await (await world.emu.waitForVoice(guild, 20_000)).capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(660, 660 * 0.02);
		await ensureStopped(world, where);
	});

	it('GIVEN a sleep timer of one minute WHEN it runs out THEN the radio stops with a notice (and the card says what played), and /radio stats counts the listened minute', async function sleepsAndCounts(this: Mocha.Context) {
		this.timeout(150_000);
		// A server of its own: its statistics start empty whatever else ran.
		const where = await addWorldGuild(world, 'Sleepy Server');
		const { guild, member } = where;
		const before = renderMessage(await (await member.run('radio stats')).message());
		expect(before).to.match(enPattern('commands/radio:statsEmpty', { command: playMention }));

		await (await world.play(where, 'sine')).waitForAudio(10_000);
		const set = renderMessage(await (await member.run('radio sleep', { minutes: 1 })).message());
		expect(set).to.match(enPattern('commands/radio:sleepSet', { time: /<t:\d+:R>/, command: /<\/radio sleep:\d+>/ }));
		// The real minute: the timer is the product's, not shortened for the test.
		await waitFor(() => botChannel(world, guild) === null, 'the sleep timer to stop the radio', 75_000, 250);
		const notice = enPattern('commands/radio:noticeSleep', { station: 'Test Tone', channel: /<#\d+>/ });
		const ended = enPattern('commands/radio:cardEnded', {
			station: 'Test Tone',
			channel: /<#\d+>/,
			from: /<t:\d+:\w>/,
			to: /<t:\d+:\w>/,
			command: playMention
		});
		const messages = () => guild.channelMessages(guild.defaultTextChannel.id).map((message) => renderMessage(message));
		await waitFor(() => messages().some((text) => notice.test(text)), 'the sleep notice', 5_000);
		await waitFor(() => messages().some((text) => ended.test(text)), 'the now-playing card in its final state', 10_000);

		const stats = await (await member.run('radio stats')).message();
		// The week, not today: a run across midnight UTC splits today's count.
		const minute = en('commands/radio:statsDurationMinutes', { minutes: 1 });
		expect(embedField(stats, en('commands/radio:statsWeekField'))).to.equal(`${minute}\n👥 ${minute}`);
		expect(embedField(stats, en('commands/radio:statsTopField'))).to.equal(`\`1.\` **Test Tone** · ${minute}`);
	});
});
