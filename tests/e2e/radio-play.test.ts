import { expect } from 'chai';
import { renderMessage, type DiscordEmulator } from '#emulator/index';
import { en, enPattern } from '#support/en';
import { ownProcessesWithMarker } from '#support/ownProcesses';
import { descendantProcesses } from '#support/processes';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { embedField, ensureInVoice, ensureOutOfVoice, ensurePlaying, ensureStopped } from '#support/worldState';

const testTone = { name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440, title: 'Test Artist - First Song' };
const rateLimited = enPattern('preconditions:rateLimited', { retry: /<t:\d+:R>/ });

describe('GIVEN the real bot connected to the emulated Discord and a local 440 Hz test station', () => {
	let world: RadioWorld;
	let emu: DiscordEmulator;
	let first: WorldGuild;
	let guild: WorldGuild['guild'];
	let lounge: WorldGuild['lounge'];
	let alice: WorldGuild['member'];

	before(async () => {
		world = await RadioWorld.start({
			stations: [testTone],
			config: {
				donations: [
					{ name: 'Ko-fi', url: 'https://ko-fi.com/alastor', emoji: '☕' },
					{ name: 'Open Collective', url: 'https://opencollective.com/alastor', emoji: 'heart' }
				]
			}
		});
		({ emu } = world);
		first = world.guilds[0]!;
		({ guild, lounge, member: alice } = first);
	});

	after(() => world?.stop());

	it('WHEN the bot starts THEN it registers /radio (play, stop, volume, info, list, history, search, favorite, sleep, stats), /info, /help and /donate and the emulator accepts every body', () => {
		expect(emu.registeredCommands().map((command) => command.name)).to.include.members(['radio', 'info', 'help', 'donate']);
		const radio = emu.registeredCommands().find((command) => command.name === 'radio') as { options: { name: string }[] } | undefined;
		expect(radio?.options.map((option) => option.name)).to.have.members([
			'play',
			'stop',
			'volume',
			'info',
			'list',
			'history',
			'search',
			'favorite',
			'sleep',
			'stats'
		]);
		expect(emu.rejections).to.deep.equal([]);
	});

	/** What the bot answers when the Test Tone starts in the Lounge. */
	const nowPlaying = () => en('commands/radio:playNowPlaying', { station: testTone.name, channel: `<#${lounge.id}>` });

	it('WHEN alice runs /radio play outside a voice channel THEN she alone is told to join one first', async () => {
		await ensureStopped(world, first);
		await ensureOutOfVoice(alice);
		const reply = await alice.run('radio play', { station: 'sine' });
		const message = await reply.message();
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(message)).to.equal(en('preconditions:inVoiceChannel'));
		expect(emu.voice(guild)).to.equal(undefined);
	});

	it('WHEN alice asks for a station that does not exist THEN she gets an ephemeral "unknown station" answer', async () => {
		await ensureInVoice(alice, lounge);
		const reply = await alice.run('radio play', { station: 'no-such-radio-xyz' });
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(await reply.message())).to.equal(en('commands/radio:playUnknownStation', { query: 'no-such-radio-xyz' }));
	});

	it('WHEN alice runs /radio play sine in the Lounge THEN the bot joins the Lounge and the emulator decrypts 5 s of a 440 Hz tone', async () => {
		await ensureStopped(world, first);
		await ensureInVoice(alice, lounge);
		const reply = await alice.run('radio play', { station: 'sine' });
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(await reply.message())).to.include(nowPlaying());

		const voice = await emu.waitForVoice(guild, 20_000);
		expect(voice.channelId).to.equal(lounge.id);
		const audio = await voice.capture(5_500);
		expect(audio.seconds).to.be.at.least(5);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(descendantProcesses(world.bot.pid, 'ffmpeg')).to.have.lengthOf(1);
	});

	it('WHEN alice runs /info THEN she sees the version and one server listening', async () => {
		await ensurePlaying(world, first, 'sine');
		const message = await (await alice.run('info', {})).message();
		expect(renderMessage(message)).to.include('0.0.0-test');
		expect(embedField(message, en('commands/general:infoListening'))).to.equal(en('commands/general:infoListeningValue', { count: 1 }));
	});

	it('WHEN alice runs /help THEN every command is listed with its description', async () => {
		const text = renderMessage(await (await alice.run('help', {})).message());
		for (const line of ['/radio play', '/radio stop', '/info', '/help']) expect(text).to.include(line);
	});

	it('WHEN alice runs /donate THEN she alone sees a link button per configured page, and a word that is no emoji stays in the label', async () => {
		const reply = await alice.run('donate', {});
		const message = (await reply.message()) as {
			components: { components: { style: number; url: string; label: string; emoji?: { name: string } }[] }[];
		};
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(message)).to.include(en('commands/general:donateTitle'));
		const buttons = message.components.flatMap((row) => row.components);
		expect(buttons.map(({ style, url, label, emoji }) => ({ style, url, label, emoji: emoji?.name }))).to.deep.equal([
			{ style: 5, url: 'https://ko-fi.com/alastor', label: 'Ko-fi', emoji: '☕' },
			{ style: 5, url: 'https://opencollective.com/alastor', label: 'heart Open Collective', emoji: undefined }
		]);
		expect(emu.rejections).to.deep.equal([]);
	});

	it('WHEN alice runs /radio stop THEN the bot leaves the channel and no ffmpeg process remains', async () => {
		await ensurePlaying(world, first, 'sine');
		const reply = await alice.run('radio stop', {});
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(await reply.message())).to.equal(en('commands/radio:stopStopped', { station: testTone.name }));
		await waitFor(() => !guild.voiceStates.get(emu.botUser.id)?.channelId, 'the bot to leave voice');
		await waitFor(() => descendantProcesses(world.bot.pid, 'ffmpeg').length === 0, 'ffmpeg to end', 10_000);
	});

	it('WHEN bob spams /radio stop THEN the sixth within 30 s is refused, telling him when he can try again', async () => {
		await ensureStopped(world, first);
		const bob = guild.addMember({ username: 'bob' });
		// Each of the five is answered (nothing plays), none of them refused.
		for (let attempt = 1; attempt <= 5; attempt++)
			expect(renderMessage(await (await bob.run('radio stop', {})).message())).to.equal(en('commands/radio:stopNothingPlaying'));
		const refused = await (await bob.run('radio stop', {})).message();
		expect(renderMessage(refused)).to.match(rateLimited);
	});

	it('WHEN carol spams /radio play in the Lounge THEN five play, the sixth within 30 s is refused with the time to try again, and the radio plays on', async () => {
		await ensureStopped(world, first);
		const carol = guild.addMember({ username: 'carol' });
		await carol.joinVoice(lounge);
		expect(renderMessage(await (await carol.run('radio play', { station: 'sine' })).message())).to.include(nowPlaying());
		const joined = await emu.waitForVoice(guild, 20_000);
		for (let attempt = 2; attempt <= 5; attempt++)
			expect(renderMessage(await (await carol.run('radio play', { station: 'sine' })).message())).to.include(nowPlaying());
		expect(emu.voice(guild), 'the bot stayed in its voice session instead of joining again').to.equal(joined);
		const refused = await carol.run('radio play', { station: 'sine' });
		expect(refused.ephemeral).to.equal(true);
		expect(renderMessage(await refused.message())).to.match(rateLimited);
		const voice = await emu.waitForVoice(guild, 5_000);
		expect(voice.channelId).to.equal(lounge.id);
		expect((await voice.capture(1_000)).dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		await carol.leaveVoice();
	});
});

describe('GIVEN the real bot playing the local 440 Hz test station (its own world: this test ends the bot)', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({ stations: [testTone] });
	});

	after(() => world?.stop());

	it('WHEN the bot gets SIGTERM while playing THEN it leaves voice, ends ffmpeg and exits 0', async () => {
		const { guild } = world.guilds[0]!;
		await (await ensurePlaying(world, world.guilds[0]!, 'sine')).waitForAudio(10_000);
		const { code } = await world.bot.stop('SIGTERM');
		expect(code).to.equal(0);
		// Orphans would have been re-parented away from the bot: look for the pipeline's marker in this run's process group.
		expect(ownProcessesWithMarker('alastor-station=test-tone')).to.deep.equal([]);
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave voice');
	});
});
