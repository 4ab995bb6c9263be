import KeyvSqlite from '@keyv/sqlite';
import { expect } from 'chai';
import { Keyv } from 'keyv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { BotProcess } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { RadioWorld } from '#support/RadioWorld';

/** sysexits EX_CONFIG: the bot's contract for a configuration (here: storage) problem it cannot work around. */
const ExitConfigError = 78;

/** The heartbeat record the bot writes into its settings file at every start: `{ version, data: { at, pid } }`. */
async function heartbeatIn(path: string): Promise<{ at: number; pid: number }> {
	const raw = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${path}` }), namespace: 'alastor', throwOnErrors: true });
	try {
		return ((await raw.get('heartbeat')) as { data: { at: number; pid: number } }).data;
	} finally {
		await raw.disconnect();
	}
}

describe('GIVEN the real bot with its own SQLite settings file', () => {
	let world: RadioWorld;
	let directory: string;

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-settings-e2e-'));
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440, title: 'Test Artist - Settings' }],
			settingsPath: join(directory, 'alastor.sqlite')
		});
	});

	after(async () => {
		await world?.stop();
		rmSync(directory, { recursive: true, force: true });
	});

	it('WHEN it starts THEN it opened that file before going online and proved it writable with a heartbeat', async () => {
		const { settingsPath } = world.bot;
		expect(settingsPath).to.equal(join(directory, 'alastor.sqlite'));
		const ready = await world.bot.waitForLog((line) => line.msg === 'settings storage ready');
		expect(ready.location).to.deep.equal({ kind: 'sqlite', path: settingsPath });
		expect((await heartbeatIn(settingsPath)).pid).to.equal(world.bot.pid);
	});

	it('WHEN an admin sets up the server and the bot is SIGKILLed during playback THEN after a start on the same file /setup show and the language override are unchanged, and it plays again', async () => {
		const first = world.guilds[0]!;
		const { guild, lounge } = first;
		const admin = guild.addMember({ username: 'owner', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		const djs = guild.addRole({ name: 'DJs' });
		// Played before the DJ role exists: the listener is no DJ.
		await world.play(first, 'sine');
		await (await admin.run('setup voice', { channel: lounge.id })).message();
		await (await admin.run('setup dj', { role: djs.id })).message();
		await (await admin.run('setup language', { locale: 'de' })).message();
		const show = async () => renderMessage(await (await admin.run('setup show')).message());
		const before = await show();
		expect(before).to.include(`<#${lounge.id}>`).and.include(`<@&${djs.id}>`);
		const killedPid = world.bot.pid;

		const bot = await world.restartBot({ signal: 'SIGKILL' });

		expect(bot.pid).to.not.equal(killedPid);
		expect(bot.settingsPath).to.equal(join(directory, 'alastor.sqlite'));
		expect((await heartbeatIn(bot.settingsPath)).pid, 'the new process opened the same file').to.equal(bot.pid);
		expect(await show()).to.equal(before);
		// The session resumes by itself (the emulator took a second IDENTIFY after the old socket died), and the override still speaks German.
		const voice = await world.emu.waitForVoice(guild, 20_000);
		expect(voice.channelId).to.equal(lounge.id);
		const list = renderMessage(await (await first.member.run('radio list', {}, { locale: 'en-US' })).message());
		expect(list).to.include('Seite 1/1');
		const audio = await voice.capture(1_000);
		expect(audio.packets).to.be.greaterThan(0);
	});

	it('WHEN a bot starts on a corrupt settings file THEN it exits 78 with one clear line naming the file, and the file is byte-identical', async () => {
		const corruptPath = join(directory, 'corrupt.sqlite');
		const bytes = Buffer.from('definitely not an SQLite database\n'.repeat(200));
		writeFileSync(corruptPath, bytes);
		const bot = BotProcess.start({
			env: { ...world.emu.botEnv(), HEALTH_PORT: 'off' },
			config: botConfigFor(world.station),
			settingsPath: corruptPath
		});
		const { code } = await bot.waitForExit();
		expect(code).to.equal(ExitConfigError);
		expect(bot.stderr, 'exactly one line on stderr').to.have.lengthOf(1);
		expect(bot.stderr[0]).to.include(corruptPath).and.include('SQLITE_NOTADB').and.include('backup');
		expect(
			bot.logs.some((line) => line.msg === bot.stderr[0] && line.problem === 'corrupt'),
			'and the same in the log'
		).to.equal(true);
		expect(readFileSync(corruptPath).equals(bytes), 'file bytes unchanged').to.equal(true);
	});

	it('WHEN the running bot gets SIGTERM THEN it closes its settings storage with everything else and exits 0', async () => {
		// A setting made through the running bot, to be found in the file afterwards.
		const { guild } = world.guilds[0]!;
		if ((await world.withSettings((store) => store.guild(guild.id))).language !== 'de') {
			const admin = guild.addMember({ username: 'owner', permissions: DefaultMemberPermissions | Permission.ManageGuild });
			await (await admin.run('setup language', { locale: 'de' })).message();
		}
		try {
			const { code } = await world.bot.stop('SIGTERM');
			expect(code).to.equal(0);
			expect(world.bot.logs.some((line) => line.msg === 'closing the settings storage failed')).to.equal(false);
			expect(world.bot.logs.some((line) => line.msg === 'shutdown complete')).to.equal(true);
			const store = await openSettingsStore({ sqlitePath: world.bot.settingsPath });
			expect((await store.guild(guild.id)).language, 'the settings are still there').to.equal('de');
			await store.close();
		} finally {
			// A running bot on the same file again, for the other tests.
			await world.restartBot();
		}
	});
});
