import { expect } from 'chai';
import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { commandMention, en, enPattern } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { ensureStopped } from '#support/worldState';

describe('GIVEN a custom station that an admin removes and adds again with a new URL, and the default 15 s stream grace', () => {
	let world: RadioWorld;

	before(async () => {
		// The second server is the 24/7 test's own: it changes that server's settings and restarts the bot.
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 2,
			config: { stream: { allow_private_addresses: true }, voice: { pipeline_grace_seconds: 15 } }
		});
		world.station.addMount('/old.mp3', { frequency: 660, bitrate: 96 });
		world.station.addMount('/new.mp3', { frequency: 880, bitrate: 96 });
		world.station.addMount('/night.mp3', { frequency: 550, bitrate: 96 });
	});

	after(() => world?.stop());

	/** The confirmation of /station add for a station without aliases (its badge is what the preflight detected). */
	const added = (station: string) =>
		enPattern('commands/station:added', { station, badge: /[^)]+/, command: commandMention(world.emu, 'radio play') });

	it('WHEN it is played again right after the change THEN the new URL plays and the old stream is closed', async () => {
		const first = world.guilds[0]!;
		const admin = first.guild.addMember({ username: 'admin', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		const say = async (command: string, options: Record<string, string>) => renderMessage(await (await admin.run(command, options)).message());

		expect(await say('station add', { name: 'Edit FM', url: world.station.url('/old.mp3') })).to.match(added('Edit FM'));
		expect((await (await world.play(first, 'edit fm')).capture(1_000)).dominantFrequency()).to.be.closeTo(660, 660 * 0.02);

		expect(await say('station remove', { station: 'Edit FM' })).to.equal(en('commands/station:removedAndStopped', { station: 'Edit FM' }));
		await waitFor(() => world.station.listeners('/old.mp3') === 0 || null, 'the old stream to be closed at once, not after the grace', 5_000);
		expect(await say('station add', { name: 'Edit FM', url: world.station.url('/new.mp3') })).to.match(added('Edit FM'));
		const voice = await world.play(first, 'edit fm');

		expect(voice.channelId).to.equal(first.lounge.id);
		expect((await voice.capture(1_000)).dominantFrequency()).to.be.closeTo(880, 880 * 0.02);
		expect(world.station.listeners('/old.mp3')).to.equal(0);
	});

	it("WHEN the server's 24/7 station is removed THEN the radio stops and the admin is told to choose another", async () => {
		const first = world.guilds[1]!;
		const admin = first.guild.addMember({ username: 'owner', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		// No saved session to resume, so that 24/7 decides what plays after the restart.
		await ensureStopped(world, first);
		const nightFm = await (await admin.run('station add', { name: 'Night FM', url: world.station.url('/night.mp3') })).message();
		expect(renderMessage(nightFm)).to.match(added('Night FM'));
		await world.withSettings(async (store) => {
			const night = (await store.customStations(first.guild.id)).find((record) => record.name === 'Night FM');
			await store.updateGuild(first.guild.id, { autoJoin: true, voiceChannelId: first.lounge.id, defaultStationId: night!.id });
		});
		// The running bot caches settings: start it again, as after a wizard and a restart; 24/7 then joins with Night FM.
		await world.restartBot({ signal: 'SIGTERM' });
		const voice = await world.emu.waitForVoice(first.guild, 20_000);
		expect((await voice.capture(1_000)).dominantFrequency(), '24/7 plays Night FM').to.be.closeTo(550, 550 * 0.02);

		const removed = renderMessage(await (await admin.run('station remove', { station: 'Night FM' })).message());

		expect(removed).to.equal(
			`${en('commands/station:removedAndStopped', { station: 'Night FM' })}\n${en('commands/station:removedWasDefault', { command: commandMention(world.emu, 'setup wizard') })}`
		);
		await waitFor(() => !first.guild.voiceStates.get(world.emu.botUser.id)?.channelId || null, 'the bot to leave', 10_000);
	});
});
