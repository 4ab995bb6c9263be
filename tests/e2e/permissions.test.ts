import { expect } from 'chai';
import { DefaultBotPermissions, DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { en, enPattern } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { logCursor } from '#support/worldState';

const AdminPermissions = DefaultMemberPermissions | Permission.ManageGuild;

describe('GIVEN server managers, DJs, listeners and a bot with varying permissions', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }], guilds: 5 });
	});

	after(() => world?.stop());

	it('WHEN a member without Manage Server runs /setup THEN it is denied privately, in words', async () => {
		const { member } = world.guilds[0]!;
		const logs = logCursor(world.bot);
		const denied = await member.run('setup show');
		expect(denied.ephemeral).to.equal(true);
		expect((await denied.message()).content).to.equal(en('preconditions:administrator'));
		await logs.waitFor((line) => line.msg === 'command denied' && line.identifier === 'preconditions:administrator');
	});

	it('WHEN a DJ role is set THEN others may not play, stop or pick from the list menu, and a DJ may', async () => {
		const { guild, lounge, member } = world.guilds[1]!;
		const admin = guild.addMember({ username: 'admin', permissions: AdminPermissions });
		const djs = guild.addRole({ name: 'DJs', permissions: DefaultMemberPermissions });
		const dj = guild.addMember({ username: 'dj', roles: [djs.id] });
		await (await admin.run('setup dj', { role: djs.id })).message();
		const denial = en('preconditions:dj', { role: `<@&${djs.id}>` });

		await member.joinVoice(lounge);
		const play = await member.run('radio play', { station: 'sine' });
		expect(play.ephemeral).to.equal(true);
		expect((await play.message()).content).to.equal(denial);
		expect((await (await member.run('radio stop')).message()).content).to.equal(denial);
		const list = await (await member.run('radio list')).message();
		expect((await (await member.selectMenu(list, 'radio-list-select', ['test-tone'])).message()).content).to.equal(denial);
		expect(world.emu.voice(guild), 'no denied path joined voice').to.equal(undefined);

		await dj.joinVoice(lounge);
		expect(renderMessage(await (await dj.run('radio play', { station: 'sine' })).message())).to.include(
			en('commands/radio:playNowPlaying', { station: 'Test Tone', channel: `<#${lounge.id}>` })
		);
		await world.emu.waitForVoice(guild, 20_000);
		expect((await (await dj.run('radio stop')).message()).content).to.equal(en('commands/radio:stopStopped', { station: 'Test Tone' }));
	});

	it('WHEN the bot lacks Connect or Speak, or the channel is full THEN /radio play says exactly what is wrong', async () => {
		const { guild, lounge, member } = world.guilds[2]!;
		await member.joinVoice(lounge);
		const playReply = async () => (await (await member.run('radio play', { station: 'sine' })).message()).content as string;
		const missing = (channel: { id: string }, ...permissions: string[]) =>
			en('preconditions:botMissingPermissions', {
				channel: `<#${channel.id}>`,
				missing: permissions.map((permission) => en(`preconditions:permission${permission}`)).join(', ')
			});

		guild.setBotPermissions(DefaultBotPermissions & ~Permission.Connect);
		expect(await playReply()).to.equal(missing(lounge, 'Connect'));
		guild.setBotPermissions(DefaultBotPermissions & ~(Permission.Speak | Permission.Connect));
		expect(await playReply()).to.equal(missing(lounge, 'Connect', 'Speak'));
		guild.setBotPermissions(DefaultBotPermissions);

		const stage = guild.addStageChannel('Quiet Stage');
		await member.joinVoice(stage);
		expect(await playReply(), 'on a stage it must be able to become a speaker or ask to').to.equal(missing(stage, 'RequestToSpeak'));

		const tiny = guild.addVoiceChannel('Tiny', { userLimit: 1 });
		await member.joinVoice(tiny);
		expect(await playReply()).to.equal(en('preconditions:botChannelFull', { channel: `<#${tiny.id}>` }));
		expect(world.emu.voice(guild)).to.equal(undefined);
	});

	it('WHEN the radio plays on a Stage THEN the bot makes itself a speaker with Mute Members, or asks to speak without it', async () => {
		const { guild, member } = world.guilds[3]!;
		const stage = guild.addStageChannel('Stage');
		const botId = world.emu.botUser.id;
		await member.joinVoice(stage);

		guild.setBotPermissions(DefaultBotPermissions | Permission.MuteMembers);
		expect(renderMessage(await (await member.run('radio play', { station: 'sine' })).message())).to.include(
			en('commands/radio:playNowPlaying', { station: 'Test Tone', channel: `<#${stage.id}>` })
		);
		await world.emu.waitForVoice(guild, 20_000);
		await waitFor(() => guild.voiceStates.get(botId)?.suppress === false, 'the bot to be a speaker on the stage');
		await (await member.run('radio stop')).message();
		await waitFor(() => !guild.voiceStates.has(botId), 'the bot to leave the stage');

		guild.setBotPermissions(DefaultBotPermissions | Permission.RequestToSpeak);
		await (await member.run('radio play', { station: 'sine' })).message();
		const state = await waitFor(() => {
			const current = guild.voiceStates.get(botId);
			return current?.requestToSpeakTimestamp ? current : null;
		}, 'a request to speak');
		expect(state.suppress, 'a moderator still has to accept').to.equal(true);
		expect(Date.parse(state.requestToSpeakTimestamp!)).to.be.closeTo(Date.now(), 60_000);
		expect(
			world.emu.requests.filter((request) => request.method === 'PATCH' && request.path.endsWith('/voice-states/@me') && request.status >= 400)
		).to.deep.equal([]);
	});

	it('WHEN a server changes its setup over and over THEN the 11th change within a minute is refused with the time to try again', async () => {
		const { guild, lounge } = world.guilds[4]!;
		const admin = guild.addMember({ username: 'admin', permissions: AdminPermissions });
		for (let change = 1; change <= 10; change++) {
			expect((await (await admin.run('setup voice', { channel: lounge.id })).message()).content, `change ${change}`).to.equal(
				en('commands/setup:voiceSaved', { channel: `<#${lounge.id}>` })
			);
		}
		const refused = (await (await admin.run('setup voice', { channel: lounge.id })).message()).content as string;
		const match = enPattern('preconditions:guildRateLimited', { retry: /<t:(\d+):R>/ }, { whole: true }).exec(refused);
		expect(match, refused).to.not.equal(null);
		expect(Number(match![1]) * 1000 - Date.now()).to.be.within(-2_000, 61_000);
		// The budget is the server's: another manager of the same server is refused too.
		const other = guild.addMember({ username: 'admin2', permissions: AdminPermissions });
		expect((await (await other.run('setup dj')).message()).content).to.match(
			enPattern('preconditions:guildRateLimited', { retry: /<t:\d+:R>/ }, { whole: true })
		);
	});
});
