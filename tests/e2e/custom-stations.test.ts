import { expect } from 'chai';
import { once } from 'node:events';
import { Permission, renderMessage } from '#emulator/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import type { CustomStationRecord } from '#lib/settings/types';
import { BotProcess } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { commandMention, en, enPattern } from '#support/en';
import { mediaPlaylistText, recordHls, type HlsRecording } from '#support/liveHls';
import { descendantProcesses } from '#support/processes';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { ensurePlaying } from '#support/worldState';

type Member = ReturnType<RadioWorld['guilds'][number]['guild']['addMember']>;

/** Manage Server on top of what every member has (without View Channel a member has no permissions in a channel at all). */
const managerPermissions = Permission.ManageGuild | Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands;

describe('GIVEN a bot that lets custom stations reach the local test station (stream.allow_private_addresses)', () => {
	let world: RadioWorld;
	let admin: Member;
	let fullServerAdmin: Member;
	let customId: string;
	let hls: HlsRecording;

	const say = async (member: Member, command: string, options: Record<string, string> = {}) => {
		const reply = await member.run(command, options);
		expect(reply.ephemeral).to.equal(true);
		return renderMessage(await reply.message());
	};

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 2,
			config: { stream: { allow_private_addresses: true } }
		});
		// A stream that is in no config.yaml: only /station add can make it playable.
		world.station.addMount('/custom.mp3', { frequency: 660, bitrate: 96 });
		admin = world.guilds[0]!.guild.addMember({ username: 'admin', permissions: managerPermissions });
		fullServerAdmin = world.guilds[1]!.guild.addMember({ username: 'admin2', permissions: managerPermissions });
		customId = `g${world.guilds[0]!.guild.id}-my-custom-fm`;
		hls = await recordHls({ seconds: 6, frequency: 550, segmentType: 'mpegts' });
		for (const [name, body] of hls.files) world.station.serve(`/hls/${name}`, { contentType: 'video/mp2t', body });
		world.station.serve('/hls/radio.m3u8', { contentType: 'application/vnd.apple.mpegurl', body: mediaPlaylistText(hls.names) });
	});

	after(async () => {
		await world?.stop();
		hls?.remove();
	});

	const customStations = (guildIndex: number) => world.withSettings((store) => store.customStations(world.guilds[guildIndex]!.guild.id));
	const addMyCustomFm = () => say(admin, 'station add', { name: 'My Custom FM', url: world.station.url('/custom.mp3'), aliases: 'mycustom, CFM' });

	/** The first server has My Custom FM (added by its admin, as the first test does) and no other station of its own. */
	async function onlyMyCustomFm() {
		for (const record of await customStations(0))
			if (record.id !== customId) expect(await say(admin, 'station remove', { station: record.id })).to.include(record.name);
		if ((await customStations(0)).length === 0) await addMyCustomFm();
		expect((await customStations(0)).map((record) => record.id)).to.deep.equal([customId]);
	}

	/** The first server has no station of its own. */
	async function noCustomStations() {
		for (const record of await customStations(0)) expect(await say(admin, 'station remove', { station: record.id })).to.include(record.name);
	}

	it('WHEN an admin adds a station THEN it is preflighted, saved with its detected format and bitrate, and confirmed', async () => {
		await noCustomStations();
		const text = await addMyCustomFm();
		expect(text).to.include(
			en('commands/station:added', { station: 'My Custom FM', badge: '96 kbps MP3', command: commandMention(world.emu, 'radio play') })
		);
		expect(text).to.include(en('commands/station:addedAliases', { aliases: 'mycustom, cfm' }));
		expect(world.station.requests('/custom.mp3').length).to.be.at.least(1);
		expect(world.emu.rejections).to.deep.equal([]);
	});

	it('WHEN members type in /radio play THEN the station is suggested in its own server only', async () => {
		await onlyMyCustomFm();
		const { member } = world.guilds[0]!;
		expect(await member.autocomplete('radio play', { station: 'my cus' }, 'station')).to.deep.include({
			name: 'My Custom FM · 96 kbps MP3',
			value: customId
		});
		const elsewhere = await world.guilds[1]!.member.autocomplete('radio play', { station: 'my cus' }, 'station');
		expect(elsewhere.map((choice) => choice.value)).to.not.include(customId);
	});

	it('WHEN a member plays it by alias THEN its 660 Hz tone reaches the voice channel', async () => {
		await onlyMyCustomFm();
		const voice = await world.play(world.guilds[0]!, 'mycustom');
		const audio = await voice.capture(2_000);
		expect(audio.decryptFailures).to.equal(0);
		expect(audio.dominantFrequency()).to.be.closeTo(660, 660 * 0.02);
	});

	it('WHEN the admin lists the server’s stations THEN the custom station is there, with its host and the count', async () => {
		await onlyMyCustomFm();
		const text = await say(admin, 'station list');
		expect(text).to.include('My Custom FM');
		expect(text).to.include(`127.0.0.1:${world.station.port}`);
		expect(text).to.include(en('commands/station:listFooter', { count: 1, max: 50 }));
	});

	it('WHEN a dead URL is added THEN the reason is shown and nothing is saved', async () => {
		const text = await say(admin, 'station add', { name: 'Dead FM', url: world.station.url('/nothing-here.mp3') });
		expect(text).to.include(en('commands/station:unplayable', { reason: en('stream:http-status') }));
		expect(await say(admin, 'station list')).to.not.include('Dead FM');
	});

	it('WHEN a name already used by a config station is added THEN it is refused', async () => {
		const text = await say(admin, 'station add', { name: 'Other', url: world.station.url('/custom.mp3'), aliases: 'sine' });
		expect(text).to.include(en('commands/station:taken', { key: 'sine', station: 'Test Tone' }));
	});

	it('WHEN a member without Manage Server tries /station add THEN it is denied', async () => {
		const { member } = world.guilds[0]!;
		const reply = await member.run('station add', { name: 'Sneaky FM', url: world.station.url('/custom.mp3') });
		expect(reply.ephemeral).to.equal(true);
		expect(renderMessage(await reply.message())).to.equal(en('preconditions:administrator'));
	});

	it('WHEN the admin removes it (picked from autocomplete) THEN it stops playing and can no longer be played', async () => {
		await onlyMyCustomFm();
		await ensurePlaying(world, world.guilds[0]!, 'mycustom', { name: 'My Custom FM' });
		expect(await admin.autocomplete('station remove', { station: '' }, 'station')).to.deep.equal([
			{ name: 'My Custom FM · 96 kbps MP3', value: customId }
		]);
		expect(await say(admin, 'station remove', { station: customId })).to.equal(
			en('commands/station:removedAndStopped', { station: 'My Custom FM' })
		);
		expect(await say(world.guilds[0]!.member, 'radio play', { station: 'mycustom' })).to.equal(
			en('commands/radio:playUnknownStation', { query: 'mycustom' })
		);
		expect(await say(admin, 'station list')).to.include(en('commands/station:listEmpty', { command: commandMention(world.emu, 'station add') }));
	});

	it('WHEN an admin adds an HLS station THEN the bot reads its segments itself (guarded) and its 550 Hz tone plays', async () => {
		expect(await say(admin, 'station add', { name: 'HLS FM', url: world.station.url('/hls/radio.m3u8'), aliases: 'hlsfm' })).to.match(
			enPattern('commands/station:added', { station: 'HLS FM', badge: /[^)]+/, command: commandMention(world.emu, 'radio play') })
		);
		const voice = await world.play(world.guilds[0]!, 'hlsfm');
		const audio = await voice.capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(550, 550 * 0.02);
		// Its ffmpeg reads our pipe only: the playlist and segments were fetched by the bot, through the guard.
		const id = `g${world.guilds[0]!.guild.id}-hls-fm`;
		const ffmpeg = await waitFor(
			() => descendantProcesses(world.bot.pid, 'ffmpeg').find((process) => process.args.includes(`comment=alastor-station=${id}`)),
			'the station’s ffmpeg'
		);
		expect(ffmpeg.args.slice(ffmpeg.args.indexOf('-i'), ffmpeg.args.indexOf('-i') + 2)).to.deep.equal(['-i', 'pipe:0']);
		expect(world.station.requests(`/hls/${hls.names[0]}`).length).to.be.at.least(2);
		expect(await say(admin, 'station remove', { station: id })).to.be.oneOf([
			en('commands/station:removedAndStopped', { station: 'HLS FM' }),
			en('commands/station:removed', { station: 'HLS FM' })
		]);
	});

	it('GIVEN a server with 50 custom stations WHEN a 51st is added THEN it is refused', async () => {
		const guildId = world.guilds[1]!.guild.id;
		const store = await openSettingsStore({ sqlitePath: world.bot.settingsPath });
		const records: CustomStationRecord[] = Array.from({ length: 50 }, (_, index) => ({
			id: `g${guildId}-seed-${index + 1}`,
			name: `Seed ${index + 1}`,
			url: `http://radio${index + 1}.example/stream`,
			aliases: [],
			format: 'MP3',
			bitrate: 128,
			addedBy: fullServerAdmin.user.id,
			addedAt: Date.now()
		}));
		try {
			await store.saveCustomStations(guildId, records);
		} finally {
			await store.close();
		}
		const text = await say(fullServerAdmin, 'station add', { name: 'Fifty One', url: world.station.url('/custom.mp3') });
		expect(text).to.equal(en('commands/station:limit', { max: 50, command: commandMention(world.emu, 'station remove') }));
		expect(await say(fullServerAdmin, 'station list')).to.include(en('commands/station:listFooter', { count: 50, max: 50 }));
	});

	it('GIVEN the same bot restarted with allow_private_addresses off WHEN a 127.0.0.1 URL is added THEN it is refused as a loopback address', async () => {
		try {
			await refusedWithoutPrivateAddresses();
		} finally {
			// Back to the world's own config (private addresses allowed), on the same settings file, for the other tests.
			await world.restartBot({ signal: 'SIGTERM' });
		}
	});

	async function refusedWithoutPrivateAddresses() {
		await world.bot.stop('SIGKILL');
		const identified = once(world.emu.gateway, 'ready', { signal: AbortSignal.timeout(30_000) });
		world.bot = BotProcess.start({
			env: { ...world.emu.botEnv(), HEALTH_PORT: 'off' },
			config: botConfigFor(world.station),
			settingsPath: world.bot.settingsPath
		});
		await identified;
		await world.bot.waitForLog((line) => line.msg === 'ready', 30_000);

		const url = world.station.url('/custom.mp3');
		const requestsBefore = world.station.requests('/custom.mp3').length;
		const text = await say(admin, 'station add', { name: 'Local FM', url });
		expect(text).to.equal(
			en('commands/station:urlRefused', {
				reason: en('stream:refused-blocked-address', { host: '127.0.0.1', address: '127.0.0.1', range: en('stream:range-loopback') })
			})
		);
		expect(world.station.requests('/custom.mp3')).to.have.length(requestsBefore);
	}
});
