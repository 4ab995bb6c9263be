import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { en } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { embedField, ensureOutOfVoice } from '#support/worldState';

type Json = Record<string, any>;

const japaneseStrings = JSON.parse(
	readFileSync(fileURLToPath(new URL('../../../languages/ja/commands/setup.json', import.meta.url)), 'utf8')
) as Record<string, string>;

function buttonIds(message: Json): string[] {
	return (message.components ?? []).flatMap((row: Json) => (row.components ?? []).map((component: Json) => component.custom_id as string));
}

type Member = ReturnType<RadioWorld['guilds'][number]['guild']['addMember']>;

describe('GIVEN a server manager and the /setup subcommands', () => {
	let world: RadioWorld;
	let admin: Member;
	/** The manager of a second server, for the language test: each server may change its setup 10 times a minute. */
	let linguist: Member;

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }], guilds: 2 });
		admin = world.guilds[0]!.guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		linguist = world.guilds[1]!.guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild });
	});

	after(() => world?.stop());

	const showMessage = async (manager = admin) => (await manager.run('setup show')).message();
	const show = async (manager = admin) => renderMessage(await showMessage(manager));
	/** The value /setup show gives for the setting whose field name is the key `field` (e.g. `fieldVoice`). */
	const shown = async (field: string, manager = admin) => embedField(await showMessage(manager), en(`commands/setup:${field}`));

	/** The first server's default channel is its Lounge (as /setup voice sets it in the second test). */
	async function loungeIsTheDefaultChannel() {
		const { lounge } = world.guilds[0]!;
		if ((await shown('fieldVoice')) === `<#${lounge.id}>`) return;
		expect((await (await admin.run('setup voice', { channel: lounge.id })).message()).content).to.equal(
			en('commands/setup:voiceSaved', { channel: `<#${lounge.id}>` })
		);
	}

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
		expect((await reply.message()).content).to.equal(en('commands/setup:voiceSaved', { channel: `<#${lounge.id}>` }));
		expect(await shown('fieldVoice')).to.equal(`<#${lounge.id}>`);
	});

	it('WHEN a member who is in no voice channel runs /radio play THEN the radio plays in the default channel, and stops on /radio stop', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		await loungeIsTheDefaultChannel();
		await ensureOutOfVoice(member);
		expect(guild.voiceStates.get(member.user.id)?.channelId ?? null, 'the member is not in voice').to.equal(null);
		const played = renderMessage(await (await member.run('radio play', { station: 'sine' })).message());
		expect(played).to.include(en('commands/radio:playNowPlaying', { station: 'Test Tone', channel: `<#${lounge.id}>` }));
		const voice = await world.emu.waitForVoice(guild, 20_000);
		expect(voice.channelId).to.equal(lounge.id);
		expect((await voice.capture(1_000)).dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		await (await member.run('radio stop')).message();
	});

	it('WHEN /setup dj sets a role and then runs without one THEN the role is set, then cleared', async () => {
		const { guild } = world.guilds[0]!;
		const djs = guild.addRole({ name: 'DJs' });
		const set = await (await admin.run('setup dj', { role: djs.id })).message();
		expect(set.content).to.equal(en('commands/setup:djSaved', { role: `<@&${djs.id}>` }));
		expect(await shown('fieldDj')).to.equal(`<@&${djs.id}>`);

		const cleared = await (await admin.run('setup dj')).message();
		expect(cleared.content).to.equal(en('commands/setup:djCleared'));
		expect(await shown('fieldDj')).to.equal(en('commands/setup:valueDjEveryone'));
	});

	it('WHEN /setup language is typed, set, refused for an unknown code and set back to automatic THEN each answer fits', async () => {
		const admin = linguist;
		const choices = await admin.autocomplete('setup language', { locale: 'deu' }, 'locale');
		expect(choices).to.deep.include({ name: 'Deutsch (de)', value: 'de' });
		const all = await admin.autocomplete('setup language', { locale: '' }, 'locale');
		expect(all[0]!.value).to.equal('automatic');
		expect(all).to.have.lengthOf(25);

		const unknown = await (await admin.run('setup language', { locale: 'klingon' })).message();
		expect(unknown.content).to.equal(en('commands/setup:languageUnknown', { locale: 'klingon' }));

		const japanese = await admin.run('setup language', { locale: 'ja' });
		expect(japanese.ephemeral).to.equal(true);
		expect((await japanese.message()).content, 'confirmed in the new language').to.equal(
			japaneseStrings.languageSaved!.replace('{{language}}', '日本語 (ja)')
		);
		expect(await show(admin)).to.include('日本語 (ja)');

		const automatic = await (await admin.run('setup language', { locale: 'automatic' })).message();
		expect(automatic.content).to.equal(en('commands/setup:languageAutomatic'));
		expect(await shown('fieldLanguage', admin)).to.equal(en('commands/setup:valueLanguageAutomatic'));
	});

	it('WHEN /setup show runs THEN one embed lists all nine settings with their defaults where unset', async () => {
		const message = await showMessage();
		expect(message.embeds).to.have.lengthOf(1);
		const settingFields = ['fieldLanguage', 'fieldVoice', 'fieldDj', 'fieldStation', 'fieldAutoJoin', 'fieldVolume', 'fieldNotices'];
		expect(message.embeds[0].fields.map((field: Json) => field.name)).to.deep.equal(
			[...settingFields, 'cardField', 'switchBackField'].map((field) => en(`commands/setup:${field}`))
		);
		expect(embedField(message, en('commands/setup:fieldVolume'))).to.equal(en('commands/setup:valueVolume', { min: 10, max: 150, default: 100 }));
		expect(embedField(message, en('commands/setup:fieldAutoJoin'))).to.equal(en('commands/setup:valueOff'));
		expect(embedField(message, en('commands/setup:cardField'))).to.equal(en('commands/setup:valueOn'));
		expect(embedField(message, en('commands/setup:switchBackField'))).to.equal(en('commands/setup:valueOn'));
	});

	it('WHEN /setup reset is answered "keep" and then confirmed THEN nothing changes first, then every setting is back to its default', async () => {
		const { lounge } = world.guilds[0]!;
		await loungeIsTheDefaultChannel();
		const prompt = await admin.run('setup reset');
		expect(prompt.ephemeral).to.equal(true);
		const question = await prompt.message();
		expect(buttonIds(question)).to.deep.equal(['setup-reset:confirm', 'setup-reset:keep']);

		const kept = await (await admin.clickButton(question, 'setup-reset:keep')).message();
		expect(kept.content).to.equal(en('commands/setup:resetKept'));
		expect(kept.components).to.deep.equal([]);
		expect(await shown('fieldVoice')).to.equal(`<#${lounge.id}>`);

		const again = await (await admin.run('setup reset')).message();
		const done = await (await admin.clickButton(again, 'setup-reset:confirm')).message();
		expect(done.content).to.equal(en('commands/setup:resetDone'));
		const after = await show();
		expect(after).not.to.include(`<#${lounge.id}>`);
		expect(await shown('fieldVoice')).to.equal(en('commands/setup:valueNotSet'));
	});
});
