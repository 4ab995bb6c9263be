import { fetchT } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Permission, type EmulatedChannel, type EmulatedGuild, type EmulatedMember, type PermissionOverwrite } from '#emulator/index';
import { ChangeBudget } from '#lib/discord/ChangeBudget';
import { Preconditions } from '#lib/i18n/keys/index';
import { checkPlayback, type PlaybackGate, type PlaybackGateServices } from '#lib/playback/checkPlayback';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import { installBotI18n, type BotI18n } from '#support/botI18n';
import { InteractionWorld } from '#support/InteractionWorld';

/** What the gate said, in a form a test can compare: the channel it opened on, or the refusal. */
type GateAnswer = { readonly ok: true; readonly channelId: string } | { readonly ok: false; readonly key: string; readonly variables?: object };

describe('checkPlayback (the one play gate) with real discord.js interactions from the emulator', () => {
	let world: InteractionWorld;
	let i18n: BotI18n;
	let directory: string;
	let settings: OpenedSettingsStore;
	let services: PlaybackGateServices;
	let guild: EmulatedGuild;
	let djRole: string;
	let lounge: EmulatedChannel;
	const logger = pino({ level: 'silent' });

	/** The bot (this test's client) is denied `bits` in the channel. */
	const botDenied = (bits: bigint): PermissionOverwrite[] => [{ id: world.emu.botUser.id, type: 1, allow: 0n, deny: bits }];
	/** A DJ of the server, new for each test: their playback budget is their own. */
	const newDj = (locale?: string) => guild.addMember({ roles: [djRole], ...(locale ? { locale } : {}) });
	const play = async (member: EmulatedMember): Promise<GateAnswer> => (await world.run<GateAnswer>(member, 'play')).result;
	/** Whether the member still has the one playback change of this test's budget: a refusal for another reason must cost nothing. */
	const budgetUntouched = (member: EmulatedMember) => services.playbackChanges.take(member.id) === null;

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-gate-'));
		settings = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		i18n = await installBotI18n(async (guildId) => (await settings.guild(guildId)).language);
		world = await InteractionWorld.start({ commands: [{ name: 'play', description: 'Asks the play gate' }] });
		world.handler = async (interaction) => {
			if (!interaction.isChatInputCommand()) return undefined;
			const gate: PlaybackGate = await checkPlayback(services, interaction);
			await interaction.reply('checked');
			return gate.ok ? { ok: true, channelId: gate.channel.id } : { ok: false, ...gate.denial };
		};
		guild = await world.createGuild({ name: 'Gate' });
		djRole = guild.addRole({ name: 'DJs', permissions: Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands }).id;
		lounge = guild.addVoiceChannel('lounge');
	});

	beforeEach(async () => {
		await settings.resetGuild(guild.id);
		await settings.updateGuild(guild.id, { djRoleId: djRole });
		services = { settings, mentions: world.mentions, logger, playbackChanges: new ChangeBudget({ changes: 1, windowMs: 60_000 }), tFor: fetchT };
	});

	after(async () => {
		i18n?.uninstall();
		await world?.stop();
		await settings?.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a member without the DJ role, out of voice WHEN they play THEN the DJ refusal comes first (not "join a voice channel"), and costs nothing', async () => {
		const member = guild.addMember({ username: 'listener' });
		expect(await play(member)).to.deep.equal({ ok: false, key: Preconditions.Dj, variables: { role: `<@&${djRole}>` } });
		expect(budgetUntouched(member)).to.equal(true);
	});

	it('GIVEN a DJ out of voice and no default channel WHEN they play THEN they are asked to join a voice channel, at no cost', async () => {
		const dj = newDj();
		expect(await play(dj)).to.deep.equal({ ok: false, key: Preconditions.InVoiceChannel });
		expect(budgetUntouched(dj)).to.equal(true);
	});

	it('GIVEN a default channel WHEN a DJ out of voice plays THEN the gate opens on it; WHEN a DJ in their own channel plays THEN on theirs', async () => {
		const fallback = guild.addVoiceChannel('default');
		await settings.updateGuild(guild.id, { voiceChannelId: fallback.id });
		expect(await play(newDj())).to.deep.equal({ ok: true, channelId: fallback.id });
		const inLounge = newDj();
		await inLounge.joinVoice(lounge);
		expect(await play(inLounge)).to.deep.equal({ ok: true, channelId: lounge.id });
	});

	it('GIVEN the bot may neither connect nor speak in the DJ’s channel WHEN they play THEN the refusal names the channel and both permissions, in the DJ’s language, at no cost', async () => {
		const mute = guild.addVoiceChannel('no-bots', { permissionOverwrites: botDenied(Permission.Connect | Permission.Speak) });
		const dj = newDj();
		await dj.joinVoice(mute);
		expect(await play(dj)).to.deep.equal({
			ok: false,
			key: Preconditions.BotMissingPermissions,
			variables: { channel: `<#${mute.id}>`, missing: 'Connect, Speak' }
		});
		expect(budgetUntouched(dj)).to.equal(true);

		const german = newDj('de');
		await german.joinVoice(mute);
		expect(await play(german)).to.have.deep.property('variables', { channel: `<#${mute.id}>`, missing: 'Verbinden, Sprechen' });
	});

	it('GIVEN a stage channel where the bot can neither mute members nor request to speak WHEN a DJ plays there THEN "Request to Speak" is missing; with Request to Speak THEN the gate opens', async () => {
		const stage = guild.addStageChannel('stage');
		const dj = newDj();
		await dj.joinVoice(stage);
		expect(await play(dj)).to.deep.equal({
			ok: false,
			key: Preconditions.BotMissingPermissions,
			variables: { channel: `<#${stage.id}>`, missing: 'Request to Speak' }
		});
		expect(budgetUntouched(dj)).to.equal(true);

		const open = guild.addStageChannel('open stage', {
			permissionOverwrites: [{ id: world.emu.botUser.id, type: 1, allow: Permission.RequestToSpeak, deny: 0n }]
		});
		const other = newDj();
		await other.joinVoice(open);
		expect(await play(other)).to.deep.equal({ ok: true, channelId: open.id });
	});

	it('GIVEN a voice channel at its user limit WHEN a DJ in it plays THEN the bot refuses a full channel, at no cost', async () => {
		const booth = guild.addVoiceChannel('booth', { userLimit: 2 });
		const dj = newDj();
		await guild.addMember({ username: 'friend' }).joinVoice(booth);
		await dj.joinVoice(booth);
		expect(await play(dj)).to.deep.equal({ ok: false, key: Preconditions.BotChannelFull, variables: { channel: `<#${booth.id}>` } });
		expect(budgetUntouched(dj)).to.equal(true);
	});

	it('GIVEN a default channel the bot may not connect to WHEN a DJ out of voice plays THEN it is refused naming that channel (the old BotCanJoin checked only the caller’s own)', async () => {
		const locked = guild.addVoiceChannel('locked default', { permissionOverwrites: botDenied(Permission.Connect) });
		await settings.updateGuild(guild.id, { voiceChannelId: locked.id });
		const dj = newDj();
		expect(await play(dj)).to.deep.equal({
			ok: false,
			key: Preconditions.BotMissingPermissions,
			variables: { channel: `<#${locked.id}>`, missing: 'Connect' }
		});
		expect(budgetUntouched(dj)).to.equal(true);
	});

	it('GIVEN a DJ whose one playback change is spent WHEN they play again THEN they are refused, told when they may try again', async () => {
		const dj = newDj();
		await dj.joinVoice(lounge);
		expect(await play(dj)).to.deep.equal({ ok: true, channelId: lounge.id });
		const refused = await play(dj);
		expect(refused).to.include({ ok: false, key: Preconditions.RateLimited });
		expect(refused)
			.to.have.nested.property('variables.retry')
			.that.matches(/^<t:\d+:R>$/);
	});
});
