import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

describe('GIVEN a bot with two stations, listening statistics written every 2 s', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 },
				{ name: 'Second Tone', alias: 'second', path: '/second.mp3', frequency: 660 }
			],
			guilds: 3,
			config: { stats: { flush_seconds: 2 } }
		});
	});

	after(() => world?.stop());

	it('WHEN a member favourites a station THEN /radio play offers it first, and picking it there plays it', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		const added = renderMessage(await (await member.run('radio favorite', { station: 'second' })).message());
		expect(added).to.include('Added **Second Tone** to your favorites (1/25)');
		const choices = await member.autocomplete('radio play', { station: '' }, 'station');
		expect(choices[0]).to.deep.equal({ name: '★ Second Tone · 128 kbps MP3', value: 'second-tone' });
		await member.joinVoice(lounge);
		await (await member.run('radio play', { station: choices[0]!.value })).message();
		const audio = await (await world.emu.waitForVoice(guild, 20_000)).capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(660, 660 * 0.02);
		await member.run('radio stop');
	});

	it('WHEN a member runs /radio play without a station THEN the station they started last plays', async () => {
		const { guild, lounge, member } = world.guilds[1]!;
		await member.joinVoice(lounge);
		expect(renderMessage(await (await member.run('radio play')).message())).to.include("You haven't started a station yet");
		await (await member.run('radio play', { station: 'second' })).message();
		await member.run('radio stop');
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave');
		expect(renderMessage(await (await member.run('radio play')).message())).to.include('Now playing **Second Tone**');
		const audio = await (await world.emu.waitForVoice(guild, 20_000)).capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(660, 660 * 0.02);
		await member.run('radio stop');
	});

	it('GIVEN a sleep timer of one minute WHEN it runs out THEN the radio stops with a notice, and /radio stats counts the listened minute', async function sleepsAndCounts(this: Mocha.Context) {
		this.timeout(150_000);
		const { guild, member } = world.guilds[2]!;
		const before = renderMessage(await (await member.run('radio stats')).message());
		expect(before).to.include('Nobody has listened here in the last 30 days');

		await (await world.play(world.guilds[2]!, 'sine')).waitForAudio(10_000);
		const set = renderMessage(await (await member.run('radio sleep', { minutes: 1 })).message());
		expect(set).to.match(/The radio stops <t:\d+:R>/);
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the sleep timer to stop the radio', 75_000, 250);
		const notice = await waitFor(
			() => guild.channelMessages(guild.defaultTextChannel.id).find((message) => renderMessage(message).includes('Sleep timer')),
			'the sleep notice',
			5_000
		);
		expect(renderMessage(notice)).to.include('😴 Sleep timer: I stopped **Test Tone** and left');

		const stats = renderMessage(await (await member.run('radio stats')).message());
		expect(stats).to.include('Today: 1 min\n👥 1 min');
		expect(stats).to.include('`1.` **Test Tone** · 1 min');
	});
});
