import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { totalCharacters } from '#emulator/validation/commands';
import { isDiscordLocale } from '#lib/i18n/discordLocales';
import { languageDirectory } from '#lib/i18n/i18nOptions';
import { en } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';

type Json = Record<string, any>;

/** Every name or description map in a registered command: the command, its subcommands, options and choices. */
function localizationMaps(command: Json, path = command.name as string): { path: string; field: string; map: Json | undefined }[] {
	const maps = [
		{ path, field: 'name_localizations', map: command.name_localizations },
		...(command.description === undefined ? [] : [{ path, field: 'description_localizations', map: command.description_localizations }])
	];
	for (const choice of command.choices ?? [])
		maps.push({ path: `${path} choice ${choice.name}`, field: 'name_localizations', map: choice.name_localizations });
	for (const option of command.options ?? []) maps.push(...localizationMaps(option, `${path} ${option.name}`));
	return maps;
}

describe('GIVEN the bot with its language bundles (German, Japanese and the others shipped)', () => {
	let world: RadioWorld;
	const shipped = readdirSync(languageDirectory).filter(isDiscordLocale).sort();

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }], guilds: 2 });
	});

	after(() => world?.stop());

	it('WHEN the commands are registered THEN the emulator accepts the full payload, each under 8,000 characters in every locale', () => {
		expect(world.emu.rejections).to.deep.equal([]);
		const commands = world.emu.registeredCommands();
		expect(commands.map((command) => command.name)).to.include.members(['radio', 'help', 'info', 'setup', 'station']);
		for (const command of commands) expect(totalCharacters(command), command.name).to.be.at.most(8000);
	});

	it('WHEN the commands are registered THEN every name and description is localized in every shipped locale', () => {
		expect(shipped).to.include.members(['de', 'ja', 'en-US']);
		for (const { path, field, map } of world.emu.registeredCommands().flatMap((command) => localizationMaps(command))) {
			expect(Object.keys(map ?? {}).sort(), `${path} ${field}`).to.deep.equal(shipped);
		}
	});

	it('WHEN a German user looks at the registered /radio THEN its command, subcommand and option names and descriptions are German', () => {
		const radio = world.emu.registeredCommands().find((command) => command.name === 'radio')!;
		const play = radio.options.find((option: Json) => option.name === 'play');
		expect(radio.name_localizations.de).to.equal('radio');
		expect(radio.description_localizations.de).to.equal('Internetradio in deinem Sprachkanal');
		expect(play.name_localizations.de).to.equal('abspielen');
		expect(play.description_localizations.de).to.equal('Spiele einen Radiosender in deinem Sprachkanal');
		expect(play.options[0].name_localizations.de).to.equal('sender');
		expect(play.name_localizations.ja).to.equal('再生');
	});

	it('WHEN a user with locale de runs commands THEN the replies, embeds and denials are German', async () => {
		const { member } = world.guilds[0]!;
		const stop = await (await member.run('radio stop', {}, { locale: 'de' })).message();
		expect(stop.content).to.equal('Auf diesem Server läuft gerade nichts.');

		const list = renderMessage(await (await member.run('radio list', {}, { locale: 'de' })).message());
		expect(list).to.include('📻 Sender').and.include('Seite 1/1 · 1 Sender').and.include('Wähle einen Sender, um ihn zu spielen');

		// Not in a voice channel: the precondition's denial is localized as well.
		const denied = await member.run('radio play', { station: 'sine' }, { locale: 'de' });
		expect(denied.ephemeral).to.equal(true);
		expect((await denied.message()).content).to.equal(
			'Geh zuerst in einen Sprachkanal und führe den Befehl dann noch einmal aus: Ich spiele das Radio dort, wo du bist.'
		);
	});

	it('WHEN a German server manager types in an autocompleted option THEN the suggestions are German', async () => {
		const { guild } = world.guilds[0]!;
		const admin = guild.addMember({ username: 'verwalter', permissions: DefaultMemberPermissions | Permission.ManageGuild, locale: 'de' });
		const choices = await admin.autocomplete('setup language', { locale: '' }, 'locale', { locale: 'de' });
		expect(choices[0]).to.deep.equal({ name: 'Automatisch: die eigene Discord-Sprache jedes Mitglieds', value: 'automatic' });
	});

	it('WHEN a user whose locale we have no bundle for runs a command in an en-US server THEN the reply is English', async () => {
		const { member } = world.guilds[0]!;
		const reply = await (await member.run('radio stop', {}, { locale: 'tlh' })).message();
		expect(reply.content).to.equal(en('commands/radio:stopNothingPlaying'));
	});

	it('WHEN a server manager sets /setup language ja THEN a French user there is answered in Japanese, and automatic gives French back', async () => {
		const { guild, member } = world.guilds[1]!;
		const admin = guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		expect(shipped).to.include('fr');

		const before = await (await member.run('radio stop', {}, { locale: 'fr' })).message();
		expect(before.content).to.not.equal('このサーバーでは何も再生していません。').and.not.equal(en('commands/radio:stopNothingPlaying'));

		await (await admin.run('setup language', { locale: 'ja' })).message();
		const japanese = await (await member.run('radio stop', {}, { locale: 'fr' })).message();
		expect(japanese.content).to.equal('このサーバーでは何も再生していません。');
		const list = renderMessage(await (await member.run('radio list', {}, { locale: 'fr' })).message());
		expect(list).to.include('📻 ラジオ局').and.include('1/1 ページ · 1 局');
		// /help lists command descriptions from the registered localizations: in the server's language, not the user's.
		const help = renderMessage(await (await member.run('help', {}, { locale: 'fr' })).message());
		const radioBundle = (locale: string) => JSON.parse(readFileSync(join(languageDirectory, locale, 'commands', 'radio.json'), 'utf8'));
		expect(help).to.include(radioBundle('ja').playDescription).and.not.include(radioBundle('fr').playDescription);

		// Components answer in the server's language too: /setup reset asks with buttons, "keep" answers in Japanese.
		const confirm = await (await admin.run('setup reset', {}, { locale: 'fr' })).message();
		const keep = confirm.components.flatMap((row: Json) => row.components).find((button: Json) => button.label === '設定を残す');
		expect(keep, renderMessage(confirm)).to.not.equal(undefined);
		const kept = await admin.clickButton(confirm, keep.custom_id, { locale: 'fr' });
		expect(renderMessage(await kept.message())).to.include('何も変更していません。');

		await (await admin.run('setup language', { locale: 'automatic' })).message();
		const french = await (await member.run('radio stop', {}, { locale: 'fr' })).message();
		expect(french.content).to.equal(before.content);
		expect(world.bot.logs.filter((line) => line.area === 'i18n')).to.deep.equal([]);
	});
});
