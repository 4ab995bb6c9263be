import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { commandMention, en } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

describe('GIVEN a server whose notice channel is set (as /setup wizard stores it), with a 2 s idle timeout', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			config: { voice: { idle_timeout_seconds: 2 } }
		});
	});

	after(() => world?.stop());

	it('WHEN the radio, started with /radio play in #general, leaves an empty channel THEN the notice goes to the notice channel', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		const notices = guild.addTextChannel('radio-notices');
		await world.withSettings((store) => store.updateGuild(guild.id, { noticeChannelId: notices.id }));
		// The running bot has cached this server's settings since READY (24/7 check): start it again, as after a wizard and a restart.
		await world.restartBot({ signal: 'SIGTERM' });

		await (await world.play(world.guilds[0]!, 'sine')).waitForAudio(10_000);
		const idleNotice = en('commands/radio:noticeIdleLeft', { channel: `<#${lounge.id}>`, command: commandMention(world.emu, 'radio play') });
		await member.leaveVoice();
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave the empty channel', 10_000);
		const where = await waitFor(
			() => {
				if (guild.channelMessages(notices.id).some((message) => renderMessage(message) === idleNotice)) return 'notice channel';
				if (guild.channelMessages(guild.defaultTextChannel.id).some((message) => renderMessage(message) === idleNotice)) return '#general';
				return null;
			},
			'the idle notice',
			5_000
		);
		expect(where).to.equal('notice channel');
	});
});
