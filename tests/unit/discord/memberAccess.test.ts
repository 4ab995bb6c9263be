import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Permission, type EmulatedGuild, type EmulatedMember } from '#emulator/index';
import { djDenial } from '#lib/discord/memberAccess';
import { Errors, Preconditions } from '#lib/i18n/keys/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { SettingsStore } from '#lib/settings/types';
import { InteractionWorld } from '#support/InteractionWorld';

const managerPermissions = Permission.ManageGuild | Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands;

describe('djDenial (who may control playback) with real discord.js interactions from the emulator', () => {
	let world: InteractionWorld;
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

	/** What djDenial said for `who`'s /ping: the denial key, or "allowed". The bot's handler answers with it. */
	const ask = async (who: EmulatedMember) => (await (await world.run(who, 'ping')).handle.message()).content as string;

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-access-'));
		outage = await openSettingsStore({ sqlitePath: join(directory, 'closed.sqlite') });
		await outage.close();
		working = await openSettingsStore({ sqlitePath: join(directory, 'working.sqlite') });

		world = await InteractionWorld.start({ commands: [{ name: 'ping', description: 'Asks whether the caller may control playback' }] });
		world.handler = async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			const denial = await djDenial({ settings, mentions: world.mentions, logger }, interaction);
			await interaction.reply(denial?.key ?? 'allowed');
		};
		guild = await world.createGuild({ name: 'Access' });
		const djs = guild.addRole({ name: 'DJs', permissions: Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands });
		manager = guild.addMember({ username: 'manager', permissions: managerPermissions });
		member = guild.addMember({ username: 'member' });
		dj = guild.addMember({ username: 'dj', roles: [djs.id] });
		await working.updateGuild(guild.id, { djRoleId: djs.id });
	});

	after(async () => {
		await world?.stop();
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
