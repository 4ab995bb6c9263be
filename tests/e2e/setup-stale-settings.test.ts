import { expect } from 'chai';
import { DefaultMemberPermissions, Permission, renderMessage, type InteractionHandle } from '#emulator/index';
import { commandMention, en, enPattern } from '#support/en';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';

type Json = Record<string, any>;
type Member = ReturnType<WorldGuild['guild']['addMember']>;

/** The one component whose custom id ends with `suffix` (ids are `setup-wizard:<id>:<step>:<action>[:part]`). */
function componentId(message: Json, suffix: string): string {
	const ids: string[] = (message.components ?? []).flatMap((row: Json) => (row.components ?? []).map((component: Json) => component.custom_id));
	const matches = ids.filter((id) => id.endsWith(suffix));
	expect(matches, `one component ending in ${suffix} among ${ids.join(', ')}`).to.have.lengthOf(1);
	return matches[0]!;
}

function component(message: Json, customId: string): Json {
	return message.components.flatMap((row: Json) => row.components).find((candidate: Json) => candidate.custom_id === customId);
}

/** The embed field `name` of a rendered message ("┃ name: value"). */
function field(rendered: string, name: string): string {
	const line = rendered.split('\n').find((candidate) => candidate.startsWith(`┃ ${name}: `));
	expect(line, `a field ${name} in\n${rendered}`).to.not.equal(undefined);
	return line!.slice(`┃ ${name}: `.length);
}

const step = async (handle: Promise<InteractionHandle>) => (await handle).message();

const setup = (key: string, variables?: Record<string, unknown>) => en(`commands/setup:${key}`, variables);
const incompleteWarning = setup('wizardAutoJoinIncomplete');
const inactive = setup('autoJoinInactiveValue');

describe('GIVEN settings that point at a deleted role or channel, a removed station, or 24/7 with nothing to play', () => {
	let world: RadioWorld;
	const admins: Member[] = [];

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 3,
			config: { stream: { allow_private_addresses: true } }
		});
		for (const { guild } of world.guilds)
			admins.push(guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild }));
	});

	after(() => world?.stop());

	const storedSettings = (guildId: string) => world.withSettings((store) => store.guild(guildId));

	/** Runs /setup wizard and skips ahead to the step whose custom ids contain `:<stepName>:`. */
	const wizardAt = async (admin: Member, stepName: string) => {
		let message = await (await admin.run('setup wizard')).message();
		for (let guard = 0; guard < 8 && !JSON.stringify(message.components).includes(`:${stepName}:`); guard++)
			message = await step(admin.clickButton(message, componentId(message, ':skip')));
		return message;
	};

	it('WHEN the DJ role, the default channel and the notices channel are deleted THEN members are told why, managers still play, and the settings say "deleted"', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		const admin = admins[0]!;
		const radio = guild.addVoiceChannel('Radio');
		const notices = guild.addTextChannel('radio-notices');
		const djs = guild.addRole({ name: 'DJs', permissions: DefaultMemberPermissions });
		const dj = guild.addMember({ username: 'dj', roles: [djs.id] });

		let message = await wizardAt(admin, 'voice');
		message = await step(admin.selectMenu(message, componentId(message, ':voice:pick'), [radio.id]));
		message = await step(admin.selectMenu(message, componentId(message, ':dj:pick'), [djs.id]));
		for (const skipped of ['station', 'autoJoin', 'volume'])
			message = await step(admin.clickButton(message, componentId(message, `:${skipped}:skip`)));
		message = await step(admin.selectMenu(message, componentId(message, ':notices:pick'), [notices.id]));
		await step(admin.clickButton(message, componentId(message, ':summary:save')));
		expect(await storedSettings(guild.id)).to.include({ voiceChannelId: radio.id, djRoleId: djs.id, noticeChannelId: notices.id });

		guild.removeRole(djs.id);
		guild.removeChannel(radio.id);
		guild.removeChannel(notices.id);

		const deletedRole = en('preconditions:djRoleDeleted', { command: commandMention(world.emu, 'setup dj') });
		await member.joinVoice(lounge);
		const play = await member.run('radio play', { station: 'sine' });
		expect(play.ephemeral).to.equal(true);
		expect((await play.message()).content).to.equal(deletedRole);
		expect((await (await dj.run('radio stop')).message()).content, 'the role went with its members').to.equal(deletedRole);
		expect(world.emu.voice(guild), 'no denied path joined voice').to.equal(undefined);

		await admin.joinVoice(lounge);
		expect(renderMessage(await (await admin.run('radio play', { station: 'sine' })).message())).to.include(
			en('commands/radio:playNowPlaying', { station: 'Test Tone', channel: `<#${lounge.id}>` })
		);
		await world.emu.waitForVoice(guild, 20_000);
		expect((await (await admin.run('radio stop')).message()).content).to.equal(en('commands/radio:stopStopped', { station: 'Test Tone' }));

		const shown = renderMessage(await (await admin.run('setup show')).message());
		expect(field(shown, setup('fieldDj'))).to.equal(setup('deletedRoleValue'));
		expect(field(shown, setup('fieldVoice'))).to.equal(setup('deletedChannelValue'));
		expect(field(shown, setup('fieldNotices'))).to.equal(setup('deletedChannelValue'));
		expect(shown).to.not.include(djs.id).and.not.include(radio.id).and.not.include(notices.id);

		// The wizard says the same, and does not preselect what is gone.
		message = await wizardAt(admin, 'voice');
		expect(renderMessage(message)).to.include(setup('wizardCurrent', { value: setup('deletedChannelValue') }));
		expect(component(message, componentId(message, ':voice:pick')).default_values).to.equal(undefined);
		message = await step(admin.clickButton(message, componentId(message, ':voice:skip')));
		expect(renderMessage(message)).to.include(setup('wizardCurrent', { value: setup('deletedRoleValue') }));
		expect(component(message, componentId(message, ':dj:pick')).default_values).to.equal(undefined);
		await step(admin.clickButton(message, componentId(message, ':dj:cancel')));
		expect(world.emu.rejections).to.deep.equal([]);
	});

	it('WHEN the wizard saves 24/7 without a channel or station, and volume limits between steps THEN it warns, rounds, and /setup show says inactive', async () => {
		const { guild } = world.guilds[1]!;
		const admin = admins[1]!;
		let message = await wizardAt(admin, 'autoJoin');
		message = await step(admin.clickButton(message, componentId(message, ':autoJoin:on')));
		expect(renderMessage(message)).to.include(setup('wizardTitle', { step: 6, steps: 7 }));

		const openModal = await admin.clickButton(message, componentId(message, ':volume:volume'));
		expect(openModal.modal?.title).to.equal(setup('wizardVolumeModalTitle'));
		message = await step(admin.submitModal(openModal.modal!.custom_id, { min: '7', default: '33', max: '93' }));
		message = await step(admin.clickButton(message, componentId(message, ':notices:skip')));

		const summary = renderMessage(message);
		expect(summary).to.include(incompleteWarning);
		expect(field(summary, setup('fieldAutoJoin'))).to.equal(inactive);
		expect(field(summary, setup('fieldVolume')), 'min up, max down, the default to the nearest step').to.equal(
			setup('valueVolume', { min: 10, max: 90, default: 35 })
		);

		const saved = await step(admin.clickButton(message, componentId(message, ':summary:save')));
		expect(saved.content).to.equal(setup('wizardSaved'));
		expect(field(renderMessage(saved), setup('fieldAutoJoin'))).to.equal(inactive);
		expect(await storedSettings(guild.id)).to.deep.include({ autoJoin: true, voiceChannelId: null, volume: { min: 10, default: 35, max: 90 } });
		const shown = renderMessage(await (await admin.run('setup show')).message());
		expect(field(shown, setup('fieldAutoJoin'))).to.equal(inactive);
		expect(field(shown, setup('fieldVolume'))).to.equal(setup('valueVolume', { min: 10, max: 90, default: 35 }));

		// With both picked, 24/7 is plainly on and the warning is gone (cancelled: saving would make the bot join).
		message = await wizardAt(admin, 'voice');
		message = await step(admin.selectMenu(message, componentId(message, ':voice:pick'), [world.guilds[1]!.lounge.id]));
		message = await step(admin.clickButton(message, componentId(message, ':dj:skip')));
		message = await step(admin.selectMenu(message, componentId(message, ':station:pick'), ['test-tone']));
		for (const skipped of ['autoJoin', 'volume', 'notices'])
			message = await step(admin.clickButton(message, componentId(message, `:${skipped}:skip`)));
		const complete = renderMessage(message);
		expect(field(complete, setup('fieldAutoJoin'))).to.equal(setup('valueOn'));
		expect(complete).to.not.include(incompleteWarning);
		await step(admin.clickButton(message, componentId(message, ':summary:cancel')));
		expect(world.emu.voice(guild), '24/7 was never complete in a saved setting').to.equal(undefined);
	});

	it('WHEN the default station is removed from the catalog THEN /setup show and the wizard say so without its id', async () => {
		const { guild } = world.guilds[2]!;
		const admin = admins[2]!;
		const added = renderMessage(await (await admin.run('station add', { name: 'Temp FM', url: world.station.url('/sine.mp3') })).message());
		expect(added).to.match(
			enPattern('commands/station:added', { station: 'Temp FM', badge: /[^)]+/, command: commandMention(world.emu, 'radio play') })
		);

		let message = await wizardAt(admin, 'station');
		const menu = componentId(message, ':station:pick');
		const tempFm = (component(message, menu).options as Json[]).find((option) => option.label === 'Temp FM')!.value as string;
		message = await step(admin.selectMenu(message, menu, [tempFm]));
		for (const skipped of ['autoJoin', 'volume', 'notices'])
			message = await step(admin.clickButton(message, componentId(message, `:${skipped}:skip`)));
		await step(admin.clickButton(message, componentId(message, ':summary:save')));
		expect((await storedSettings(guild.id)).defaultStationId).to.equal(tempFm);

		expect(renderMessage(await (await admin.run('station remove', { station: 'Temp FM' })).message())).to.equal(
			`${en('commands/station:removed', { station: 'Temp FM' })}\n${en('commands/station:removedWasDefault', { command: commandMention(world.emu, 'setup wizard') })}`
		);
		const shown = renderMessage(await (await admin.run('setup show')).message());
		expect(field(shown, setup('fieldStation'))).to.equal(setup('removedStationValue'));
		expect(shown).to.not.include(tempFm);

		message = await wizardAt(admin, 'station');
		expect(renderMessage(message)).to.include(setup('wizardCurrent', { value: setup('removedStationValue') }));
		await step(admin.clickButton(message, componentId(message, ':station:cancel')));
	});
});
