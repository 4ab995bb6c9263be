import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { RadioWorld } from '#support/RadioWorld';

type Json = Record<string, any>;

const japaneseStrings = JSON.parse(
	readFileSync(fileURLToPath(new URL('../../../languages/ja/commands/setup.json', import.meta.url)), 'utf8')
) as Record<string, string>;

function buttonIds(message: Json): string[] {
	return (message.components ?? []).flatMap((row: Json) => (row.components ?? []).map((component: Json) => component.custom_id as string));
}

describe('GIVEN a server manager and the /setup subcommands', () => {
	let world: RadioWorld;
	let admin: ReturnType<RadioWorld['guilds'][number]['guild']['addMember']>;

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }] });
		admin = world.guilds[0]!.guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild });
	});

	after(() => world?.stop());

	const show = async () => renderMessage(await (await admin.run('setup show')).message());

	it('WHEN the command is registered THEN /setup is hidden from members without Manage Server and has its seven subcommands', () => {
		const setup = world.emu.registeredCommands().find((command) => command.name === 'setup')!;
		expect(setup.default_member_permissions).to.equal(String(Permission.ManageGuild));
		expect(setup.options.map((option: Json) => option.name)).to.deep.equal(['wizard', 'voice', 'dj', 'language', 'playback', 'show', 'reset']);
		const playback = setup.options.find((option: Json) => option.name === 'playback');
		expect(playback.options.map((option: Json) => [option.name, option.type, option.required ?? false])).to.deep.equal([
			['card', 5, false],
			['switch-back', 5, false]
		]);
		const voice = setup.options.find((option: Json) => option.name === 'voice');
		expect(voice.options[0].channel_types).to.have.members([2, 13]);
		expect(world.emu.rejections).to.deep.equal([]);
	});

	it('WHEN /setup voice picks the Lounge THEN it is confirmed privately and /setup show lists it', async () => {
		const { lounge } = world.guilds[0]!;
		const reply = await admin.run('setup voice', { channel: lounge.id });
		expect(reply.ephemeral).to.equal(true);
		expect((await reply.message()).content).to.equal(`🔊 Default channel set to <#${lounge.id}>.`);
		expect(await show()).to.match(new RegExp(`Default channel\\W+<#${lounge.id}>`));
	});

	it('WHEN a member who is in no voice channel runs /radio play THEN the radio plays in the default channel, and stops on /radio stop', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		expect(guild.voiceStates.get(member.user.id)?.channelId ?? null, 'the member is not in voice').to.equal(null);
		const played = renderMessage(await (await member.run('radio play', { station: 'sine' })).message());
		expect(played).to.include(`Now playing **Test Tone** in <#${lounge.id}>`);
		const voice = await world.emu.waitForVoice(guild, 20_000);
		expect(voice.channelId).to.equal(lounge.id);
		expect((await voice.capture(1_000)).dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		await (await member.run('radio stop')).message();
	});

	it('WHEN /setup dj sets a role and then runs without one THEN the role is set, then cleared', async () => {
		const { guild } = world.guilds[0]!;
		const djs = guild.addRole({ name: 'DJs' });
		const set = await (await admin.run('setup dj', { role: djs.id })).message();
		expect(set.content).to.include(`DJ role set to <@&${djs.id}>`);
		expect(await show()).to.include(`<@&${djs.id}>`);

		const cleared = await (await admin.run('setup dj')).message();
		expect(cleared.content).to.equal('🎧 No DJ role any more: everyone can control the radio.');
		expect(await show()).to.include('No DJ role: everyone');
	});

	it('WHEN /setup language is typed, set, refused for an unknown code and set back to automatic THEN each answer fits', async () => {
		const choices = await admin.autocomplete('setup language', { locale: 'deu' }, 'locale');
		expect(choices).to.deep.include({ name: 'Deutsch (de)', value: 'de' });
		const all = await admin.autocomplete('setup language', { locale: '' }, 'locale');
		expect(all[0]!.value).to.equal('automatic');
		expect(all).to.have.lengthOf(25);

		const unknown = await (await admin.run('setup language', { locale: 'klingon' })).message();
		expect(unknown.content).to.equal("I don't know the language “klingon”. Pick one from the list while typing.");

		const japanese = await admin.run('setup language', { locale: 'ja' });
		expect(japanese.ephemeral).to.equal(true);
		expect((await japanese.message()).content, 'confirmed in the new language').to.equal(
			japaneseStrings.languageSaved!.replace('{{language}}', '日本語 (ja)')
		);
		expect(await show()).to.include('日本語 (ja)');

		const automatic = await (await admin.run('setup language', { locale: 'automatic' })).message();
		expect(automatic.content).to.equal('🌐 From now on I answer each member in their own Discord language.');
		expect(await show()).to.include("Automatic: each member's own Discord language");
	});

	it('WHEN /setup show runs THEN one embed lists all nine settings with their defaults where unset', async () => {
		const text = await show();
		for (const field of ['Language', 'Default channel', 'DJ role', 'Default station', '24/7', 'Volume', 'Notices'])
			expect(text).to.include(field);
		expect(text).to.include('10–150 %, starting at 100 %');
		expect(text).to.include('Off');
		expect(text).to.include('Now-playing card: On').and.include('Switch back after a failover: On');
	});

	it('WHEN /setup reset is answered "keep" and then confirmed THEN nothing changes first, then every setting is back to its default', async () => {
		const { lounge } = world.guilds[0]!;
		const prompt = await admin.run('setup reset');
		expect(prompt.ephemeral).to.equal(true);
		const question = await prompt.message();
		expect(buttonIds(question)).to.deep.equal(['setup-reset:confirm', 'setup-reset:keep']);

		const kept = await (await admin.clickButton(question, 'setup-reset:keep')).message();
		expect(kept.content).to.equal('Nothing changed.');
		expect(kept.components).to.deep.equal([]);
		expect(await show()).to.include(`<#${lounge.id}>`);

		const again = await (await admin.run('setup reset')).message();
		const done = await (await admin.clickButton(again, 'setup-reset:confirm')).message();
		expect(done.content).to.equal("♻️ This server's settings are back to the defaults.");
		const after = await show();
		expect(after).not.to.include(`<#${lounge.id}>`);
		expect(after).to.match(/Default channel\W+Not set/);
	});
});
