import { expect } from 'chai';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DiscordEmulator, Permission, type EmulatedGuild, type EmulatedMember } from '#emulator/index';
import { djDenial } from '#lib/discord/memberAccess';
import { Errors, Preconditions } from '#lib/i18n/keys/index';
import { CommandMentions } from '#lib/discord/commandMention';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { SettingsStore } from '#lib/settings/types';

const managerPermissions = Permission.ManageGuild | Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands;

describe('djDenial (who may control playback) with real discord.js interactions from the emulator', () => {
	let emu: DiscordEmulator;
	let client: Client;
	let guild: EmulatedGuild;
	let manager: EmulatedMember;
	let member: EmulatedMember;
	let dj: EmulatedMember;
	let directory: string;
	/** A real SQLite store that was closed: every read throws SettingsStoreError, as during a storage outage. */
	let outage: SettingsStore;
	let working: SettingsStore;
	let settings: SettingsStore;
	const logged: Record<string, unknown>[] = [];
	const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
	const mentions = new CommandMentions(() => client.application?.commands.cache.values());

	/** What djDenial said for `who`'s /ping: the denial key, or "allowed". The bot's handler answers with it. */
	const ask = async (who: EmulatedMember) => (await (await who.run('ping')).message()).content as string;

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-access-'));
		outage = await openSettingsStore({ sqlitePath: join(directory, 'closed.sqlite') });
		await outage.close();
		working = await openSettingsStore({ sqlitePath: join(directory, 'working.sqlite') });

		emu = await DiscordEmulator.start();
		guild = emu.createGuild({ name: 'Access' });
		const djs = guild.addRole({ name: 'DJs', permissions: Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands });
		manager = guild.addMember({ username: 'manager', permissions: managerPermissions });
		member = guild.addMember({ username: 'member' });
		dj = guild.addMember({ username: 'dj', roles: [djs.id] });
		await working.updateGuild(guild.id, { djRoleId: djs.id });

		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
		client.on(Events.InteractionCreate, (interaction: Interaction) => {
			if (!interaction.isChatInputCommand()) return;
			void djDenial({ settings, mentions, logger }, interaction).then((denial) => interaction.reply(denial?.key ?? 'allowed'));
		});
		const ready = once(client, Events.ClientReady);
		await client.login(emu.token);
		await ready;
		await client.application!.commands.set([{ name: 'ping', description: 'Asks whether the caller may control playback' }]);
	});

	after(async () => {
		await client?.destroy();
		await emu?.stop();
		await working?.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN the settings storage is down WHEN a server manager asks THEN they are allowed: managers never depend on the settings read', async () => {
		settings = outage;
		expect(await ask(manager)).to.equal('allowed');
	});

	it('GIVEN the settings storage is down WHEN a member without Manage Server asks THEN the storage message denies, and the failure is logged', async () => {
		settings = outage;
		logged.length = 0;
		expect(await ask(member)).to.equal(Errors.SettingsUnavailable);
		expect(logged.some((line) => line.msg === 'settings storage unavailable' && line.guildId === guild.id)).to.equal(true);
	});

	it('GIVEN a DJ role in working settings WHEN a member, a DJ and a manager ask THEN only the member is denied, with the DJ message', async () => {
		settings = working;
		expect(await ask(member)).to.equal(Preconditions.Dj);
		expect(await ask(dj)).to.equal('allowed');
		expect(await ask(manager)).to.equal('allowed');
	});
});
