import { expect } from 'chai';
import { rms } from '#emulator/audio/index';
import { DefaultBotPermissions, Permission, renderMessage } from '#emulator/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { en } from '#support/en';
import { descendantProcesses } from '#support/processes';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { addWorldGuild, embedField, ensureInVoice, ensurePlaying, ensureVolume } from '#support/worldState';

describe('GIVEN two servers listening to the same station (440 Hz) at the default volume', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 }], guilds: 2 });
	});

	after(() => world?.stop());

	const ffmpegs = () => descendantProcesses(world.bot.pid, 'ffmpeg');
	/** RMS of 1.5 s heard in each server, captured at the same time. */
	const levels = async () => {
		const captures = await Promise.all(world.guilds.map(({ guild }) => world.emu.voice(guild)!.capture(1_500)));
		for (const audio of captures) expect(audio.seconds).to.be.at.least(1);
		return captures.map((audio) => rms(audio.pcm));
	};
	/** Both servers play the station in their Lounge, the first one at `firstPercent`, the second at the default. */
	const bothPlaying = async (firstPercent: number) => {
		for (const guild of world.guilds) await ensurePlaying(world, guild, 'low');
		await ensureVolume(world.guilds[0]!, firstPercent);
		// One pipeline per volume level in use: a level nobody uses any more ends after its 1 s grace time.
		await waitFor(() => ffmpegs().length === (firstPercent === 100 ? 1 : 2) || null, `the pipelines for ${firstPercent} % and 100 %`, 15_000);
	};

	it('WHEN both play THEN one ffmpeg serves both, at the same level', async () => {
		for (const guild of world.guilds) await ensurePlaying(world, guild, 'low');
		await ensureVolume(world.guilds[0]!, 100);
		// ffmpeg starts while the voice connection gets ready; the station may take a moment longer.
		await waitFor(() => ffmpegs().length === 1 || null, 'the shared pipeline to start', 15_000);
		const [first, second] = await levels();
		expect(first! / second!).to.be.closeTo(1, 0.15);
	});

	it('WHEN the first server sets 50 % THEN it gets its own ffmpeg (with the volume filter), sounds about half as loud, and /radio info shows it', async () => {
		await bothPlaying(100);
		const [server] = world.guilds;
		const reply = await server!.member.run('radio volume', { percent: 50 });
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(await reply.message())).to.equal(en('commands/radio:volumeSet', { volume: 50 }));

		const processes = ffmpegs();
		expect(processes).to.have.lengthOf(2);
		expect(
			processes.map((process) => (process.args.includes('-af') ? process.args[process.args.indexOf('-af') + 1] : 'none')).sort()
		).to.deep.equal(['none', 'volume=0.50']);

		const [quieter, unchanged] = await levels();
		expect(quieter! / unchanged!).to.be.within(0.35, 0.65);
		// Still the same station: only the level changed.
		expect(world.emu.voice(server!.guild)!.stats.decryptFailures).to.equal(0);

		const info = await server!.member.run('radio info', {});
		expect(embedField(await info.message(), en('commands/radio:infoVolume'))).to.equal(en('commands/radio:infoVolumeValue', { volume: 50 }));
	});

	it('WHEN a volume outside the server limits (10–150 %) is asked for THEN it is refused with a message naming the limits, and nothing changes', async () => {
		await bothPlaying(50);
		const [server] = world.guilds;
		const other = server!.guild.addMember({ username: 'volumeFan' });
		await other.joinVoice(server!.lounge);
		// Eight refusals in a row: a wrong request gives its change back, so none of them hits the rate limit of 5 per 30 s.
		for (const percent of [5, 300, 5, 300, 5, 300, 5, 300]) {
			const reply = await other.run('radio volume', { percent });
			expect(reply.ephemeral).to.equal(true);
			const text = renderMessage(await reply.message());
			expect(text).to.equal(en('commands/radio:volumeOutOfLimits', { requested: percent, min: 10, max: 150 }));
			expect(ffmpegs(), `after asking for ${percent} %`).to.have.lengthOf(2);
		}
		expect(ffmpegs()).to.have.lengthOf(2);
		await other.leaveVoice();
	});

	it('WHEN the first server goes back to 100 % THEN both share one ffmpeg again, at the same level', async () => {
		await bothPlaying(50);
		const [server] = world.guilds;
		const reply = await server!.member.run('radio volume', { percent: 100 });
		expect(renderMessage(await reply.message())).to.equal(en('commands/radio:volumeSet', { volume: 100 }));
		await waitFor(() => ffmpegs().length === 1 || null, 'the 50 % pipeline to end after its grace time', 15_000);
		const [first, second] = await levels();
		expect(first! / second!).to.be.closeTo(1, 0.15);
	});

	it('WHEN the bot is removed from a third server playing the station THEN that session ends and its saved record is deleted, and the first plays on', async () => {
		// A server of its own to be removed from (the world keeps its two), playing the same station as the first.
		const [server] = world.guilds;
		const removed = await addWorldGuild(world, 'Removed Server');
		await ensurePlaying(world, server!, 'low');
		await ensurePlaying(world, removed, 'low');
		const savedGuilds = async () => {
			const store = await openSettingsStore({ sqlitePath: world.bot.settingsPath });
			try {
				return (await store.listSessions()).map((record) => record.guildId);
			} finally {
				await store.close();
			}
		};
		await waitFor(async () => ((await savedGuilds()).includes(removed.guild.id) ? true : null), 'the session to be saved');

		world.emu.removeGuild(removed.guild);
		await world.bot.waitForLog((line) => line.msg === 'session ended' && line.guildId === removed.guild.id);
		await waitFor(async () => ((await savedGuilds()).includes(removed.guild.id) ? null : true), 'the record to be deleted');
		expect(await savedGuilds()).to.include(server!.guild.id);
		expect((await world.emu.voice(server!.guild)!.capture(1_000)).seconds).to.be.at.least(0.5);
	});

	it('WHEN a DJ plays in a Stage channel and the bot may mute members THEN it becomes a speaker there (not left suppressed in the audience)', async () => {
		const [server] = world.guilds;
		await ensurePlaying(world, server!, 'low');
		const stage = server!.guild.addStageChannel('Stage');
		server!.guild.setBotPermissions(DefaultBotPermissions | Permission.MuteMembers);
		try {
			await server!.member.joinVoice(stage);
			const reply = await server!.member.run('radio play', { station: 'low' });
			expect(renderMessage(await reply.message())).to.include(
				en('commands/radio:playNowPlaying', { station: 'Low Tone', channel: `<#${stage.id}>` })
			);
			const botState = await waitFor(() => {
				const state = server!.guild.voiceStates.get(world.emu.botUser.id);
				return state?.channelId === stage.id && !state.suppress ? state : null;
			}, 'the bot to speak on the stage');
			expect(botState.suppress).to.equal(false);
		} finally {
			// The others play in the Lounge with the default permissions (their ensurePlaying brings the bot back there).
			server!.guild.setBotPermissions(DefaultBotPermissions);
			await ensureInVoice(server!.member, server!.lounge);
		}
	});
});
