import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultBotPermissions, DefaultMemberPermissions, Permission, renderMessage, type InteractionHandle } from '#emulator/index';
import { DefaultGuildSettings } from '#lib/settings/types';
import { commandMention, en, enPattern } from '#support/en';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { logCursor } from '#support/worldState';

type Json = Record<string, any>;

const WizardTimeoutSeconds = 3;
const japanese = JSON.parse(readFileSync(fileURLToPath(new URL('../../../languages/ja/commands/setup.json', import.meta.url)), 'utf8')) as Record<
	string,
	string
>;

/** The one component whose custom id ends with `suffix` (ids are `setup-wizard:<id>:<step>:<action>[:part]`). */
function componentId(message: Json, suffix: string): string {
	const ids: string[] = (message.components ?? []).flatMap((row: Json) => (row.components ?? []).map((component: Json) => component.custom_id));
	const matches = ids.filter((id) => id.endsWith(suffix));
	expect(matches, `one component ending in ${suffix} among ${ids.join(', ')}`).to.have.lengthOf(1);
	return matches[0]!;
}

const setup = (key: string, variables?: Record<string, unknown>) => en(`commands/setup:${key}`, variables);

describe('GIVEN the /setup wizard', () => {
	let world: RadioWorld;
	const admins: ReturnType<WorldGuild['guild']['addMember']>[] = [];

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 3,
			// Loopback custom stations, so the wizard can offer one of this server's own stations.
			config: { setup: { wizard_timeout_seconds: WizardTimeoutSeconds }, stream: { allow_private_addresses: true } }
		});
		for (const { guild } of world.guilds)
			admins.push(guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild }));
	});

	after(() => world?.stop());

	const storedSettings = (guildId: string) => world.withSettings((store) => store.guild(guildId));
	/** The command is a clickable mention (shown in each reader's language), not a name written into the text. */
	const expiredText = () => setup('wizardExpired', { command: commandMention(world.emu, 'setup wizard') });

	it('WHEN every step is answered, bad volume limits are refused once, and Save is pressed THEN /setup show and the settings file hold the answers', async () => {
		const { guild } = world.guilds[0]!;
		const admin = admins[0]!;
		const stage = guild.addStageChannel('Stage');
		// So that the bot can take the stage once 24/7 is saved.
		guild.setBotPermissions(DefaultBotPermissions | Permission.MuteMembers);
		const notices = guild.addTextChannel('radio-notices');
		const djs = guild.addRole({ name: 'DJs' });
		const added = await (await admin.run('station add', { name: 'My FM', url: world.station.url('/sine.mp3') })).message();
		expect(renderMessage(added)).to.match(
			enPattern('commands/station:added', { station: 'My FM', badge: /[^)]+/, command: commandMention(world.emu, 'radio play') })
		);

		const start = await admin.run('setup wizard');
		expect(start.ephemeral).to.equal(true);
		let message = await start.message();
		expect(renderMessage(message)).to.include(setup('wizardTitle', { step: 1, steps: 7 }));
		const step = async (handle: Promise<InteractionHandle>) => (await handle).message();

		message = await step(admin.selectMenu(message, componentId(message, ':language:language:2'), ['ja']));
		expect(renderMessage(message)).to.include(setup('wizardTitle', { step: 2, steps: 7 }));
		message = await step(admin.selectMenu(message, componentId(message, ':voice:pick'), [stage.id]));
		message = await step(admin.selectMenu(message, componentId(message, ':dj:pick'), [djs.id]));
		const stationMenu = componentId(message, ':station:pick');
		const { options } = message.components.flatMap((row: Json) => row.components).find((menu: Json) => menu.custom_id === stationMenu) as {
			options: Json[];
		};
		expect(options.map((option) => option.label)).to.have.members(['Test Tone', 'My FM']);
		const myFm = options.find((option) => option.label === 'My FM')!.value as string;
		message = await step(admin.selectMenu(message, stationMenu, [myFm]));
		message = await step(admin.clickButton(message, componentId(message, ':autoJoin:on')));
		expect(renderMessage(message)).to.include(setup('wizardTitle', { step: 6, steps: 7 }));

		const openModal = await admin.clickButton(message, componentId(message, ':volume:volume'));
		expect(openModal.modal?.custom_id).to.match(/:volume:volumeModal$/);
		const refused = await (await admin.submitModal(openModal.modal!.custom_id, { min: '150', default: '100', max: '120' })).message();
		expect(renderMessage(refused)).to.include(setup('wizardVolumeInvalid', { reason: setup('volumeWrongOrder') }));
		expect(renderMessage(refused), 'the volume step repeats').to.include(setup('wizardTitle', { step: 6, steps: 7 }));

		const reopened = await admin.clickButton(refused, componentId(refused, ':volume:volume'));
		message = await step(admin.submitModal(reopened.modal!.custom_id, { min: '20', default: '80', max: '180' }));
		expect(renderMessage(message)).to.include(setup('wizardTitle', { step: 7, steps: 7 }));
		message = await step(admin.selectMenu(message, componentId(message, ':notices:pick'), [notices.id]));

		const summary = renderMessage(message);
		expect(summary).to.include(setup('wizardSummary'));
		for (const value of [
			`<#${stage.id}>`,
			`<@&${djs.id}>`,
			'My FM',
			setup('valueVolume', { min: 20, max: 180, default: 80 }),
			`<#${notices.id}>`,
			'日本語 (ja)'
		])
			expect(summary).to.include(value);
		expect(await storedSettings(guild.id), 'nothing is written before Save').to.deep.equal(DefaultGuildSettings);

		const saved = await step(admin.clickButton(message, componentId(message, ':summary:save')));
		expect(saved.content, 'confirmed in the language just chosen for the server').to.equal(japanese.wizardSaved);
		expect(saved.components).to.deep.equal([]);

		const expected = {
			language: 'ja',
			voiceChannelId: stage.id,
			djRoleId: djs.id,
			defaultStationId: myFm,
			autoJoin: true,
			volume: { min: 20, default: 80, max: 180 },
			noticeChannelId: notices.id,
			// Not asked by the wizard (/setup playback): the defaults.
			nowPlayingCard: true,
			switchBack: true
		};
		expect(await storedSettings(guild.id)).to.deep.equal(expected);
		const shown = renderMessage(await (await admin.run('setup show')).message());
		for (const value of [`<#${stage.id}>`, `<@&${djs.id}>`, 'My FM', `<#${notices.id}>`, '日本語 (ja)']) expect(shown).to.include(value);
		expect(shown).to.match(/20\D+180\D+80/);

		// 24/7 takes effect on Save, not at the next start: the bot joins the stage with the default station.
		const voice = await world.emu.waitForVoice(guild, 20_000);
		expect(voice.channelId).to.equal(stage.id);
		await voice.waitForAudio(10_000);
	});

	it('WHEN the wizard is cancelled after an answer THEN it says nothing was saved, nothing was, and its old buttons say it expired', async () => {
		const { guild } = world.guilds[1]!;
		const admin = admins[1]!;
		const replaced = await (await admin.run('setup wizard')).message();
		let message = await (await admin.run('setup wizard')).message();
		const old = await admin.clickButton(replaced, componentId(replaced, ':language:skip'));
		expect((await old.message()).content, 'a second wizard replaces the first').to.equal(expiredText());
		message = await (await admin.selectMenu(message, componentId(message, ':language:language:1'), ['de'])).message();
		const voiceStep = message;
		const cancelled = await (await admin.clickButton(message, componentId(message, ':voice:cancel'))).message();
		expect(cancelled.content).to.equal(setup('wizardCancelled'));
		expect(cancelled.components).to.deep.equal([]);
		expect(cancelled.embeds).to.deep.equal([]);
		expect(await storedSettings(guild.id)).to.deep.equal(DefaultGuildSettings);

		const stale = await admin.clickButton(voiceStep, componentId(voiceStep, ':voice:skip'));
		expect(stale.ephemeral).to.equal(true);
		expect((await stale.message()).content).to.equal(expiredText());
	});

	it('WHEN the wizard is left alone THEN its message turns into "timed out, nothing saved" without components, and nothing is saved', async () => {
		const { guild } = world.guilds[2]!;
		const admin = admins[2]!;
		const logs = logCursor(world.bot);
		const timedOutText = setup('wizardTimedOut', { command: commandMention(world.emu, 'setup wizard') });
		const first = await (await admin.run('setup wizard')).message();
		const answered = await admin.selectMenu(first, componentId(first, ':language:language:1'), ['fr']);
		const voiceStep = await answered.message();

		const timedOut = await answered.waitFor((message) => message.content === timedOutText, (WizardTimeoutSeconds + 10) * 1000);
		expect(timedOut.content).to.equal(timedOutText);
		expect(timedOut.components).to.deep.equal([]);
		expect(timedOut.embeds).to.deep.equal([]);
		expect(await storedSettings(guild.id)).to.deep.equal(DefaultGuildSettings);
		await logs.waitFor((line) => line.msg === 'setup wizard timed out' && line.guildId === guild.id);

		const stale = await admin.selectMenu(voiceStep, componentId(voiceStep, ':voice:pick'), [world.guilds[2]!.lounge.id]);
		expect((await stale.message()).content).to.equal(expiredText());
		expect(world.emu.rejections).to.deep.equal([]);
	});
});
