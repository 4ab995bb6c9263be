import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import type { CustomStationRecord } from '#lib/settings/types';
import { commandMention, en } from '#support/en';
import { descendantProcesses } from '#support/processes';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { embedField, logCursor } from '#support/worldState';

/** A custom station of `guild` playing the test station's `path`, as /station add would have saved it. */
function customStation(guild: WorldGuild, slug: string, name: string, url: string): CustomStationRecord {
	return { id: `g${guild.guild.id}-${slug}`, name, url, aliases: [slug], format: 'MP3', bitrate: 128, addedBy: '1', addedAt: Date.now() };
}

describe('GIVEN a bot that runs at most 1 stream of server-added stations (1 per server) and keeps idle streams 60 s', () => {
	let world: RadioWorld;
	let alpha: WorldGuild;
	let beta: WorldGuild;
	let people = 0;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 2,
			config: {
				stream: { allow_private_addresses: true },
				voice: { max_custom_pipelines: 1, max_custom_pipelines_per_server: 1, pipeline_grace_seconds: 60 }
			}
		});
		world.station.addMount('/alpha.mp3', { frequency: 660 });
		world.station.addMount('/beta.mp3', { frequency: 880 });
		[alpha, beta] = world.guilds as [WorldGuild, WorldGuild];
		await world.withSettings(async (store) => {
			await store.saveCustomStations(alpha.guild.id, [customStation(alpha, 'alpha', 'Alpha FM', world.station.url('/alpha.mp3'))]);
			await store.saveCustomStations(beta.guild.id, [customStation(beta, 'beta', 'Beta FM', world.station.url('/beta.mp3'))]);
		});
	});

	after(() => world?.stop());

	/** A new listener in the server's Lounge: each test's commands stay clear of the per-user playback rate limit. */
	const listener = async ({ guild, lounge }: WorldGuild) => {
		const member = guild.addMember({ username: `listener-${++people}` });
		await member.joinVoice(lounge);
		return member;
	};
	const say = async (member: Awaited<ReturnType<typeof listener>>, command: string, options: Record<string, unknown>) =>
		renderMessage(await (await member.run(command, options)).message());
	/** Nothing plays anywhere (streams may still idle in their grace time). */
	const silence = async () => {
		for (const server of [alpha, beta]) if (world.emu.voice(server.guild)) await say(await listener(server), 'radio stop', {});
	};
	const ffmpegOf = (stationId: string) =>
		descendantProcesses(world.bot.pid, 'ffmpeg').filter((process) => process.args.includes(`comment=alastor-station=${stationId}`));
	const botChannel = (server: WorldGuild) => server.guild.voiceStates.get(world.emu.botUser.id)?.channelId ?? null;
	const nowPlaying = (station: string, server: WorldGuild) => en('commands/radio:playNowPlaying', { station, channel: `<#${server.lounge.id}>` });

	it('WHEN a second server plays its own station THEN it is refused in words before any request or join, and config stations still play there', async () => {
		await silence();
		expect(await say(await listener(alpha), 'radio play', { station: 'alpha' })).to.include(nowPlaying('Alpha FM', alpha));
		await world.emu.waitForVoice(alpha.guild, 20_000);
		const logs = logCursor(world.bot);
		const betaRequests = world.station.requests('/beta.mp3').length;
		const member = await listener(beta);

		const refused = await say(member, 'radio play', { station: 'beta' });
		expect(refused).to.equal(en('commands/radio:limitGlobal', { station: 'Beta FM', command: commandMention(world.emu, 'radio list') }));
		expect(refused).to.include(commandMention(world.emu, 'radio list'));
		await logs.waitFor((line) => line.msg === 'play refused: pipeline limit' && line.limit === 'global' && line.max === 1);
		expect(world.station.requests('/beta.mp3'), 'no preflight, no stream request').to.have.length(betaRequests);
		expect(ffmpegOf(`g${beta.guild.id}-beta`)).to.deep.equal([]);
		expect(botChannel(beta), 'no voice join').to.equal(null);

		expect(await say(member, 'radio play', { station: 'sine' })).to.include(nowPlaying('Test Tone', beta));
		await world.emu.waitForVoice(beta.guild, 20_000);
	});

	it('WHEN the playing server stops THEN its idle stream makes room at once: the other server’s station plays and the idle ffmpeg ends early', async () => {
		await silence();
		const alphaId = `g${alpha.guild.id}-alpha`;
		expect(await say(await listener(alpha), 'radio play', { station: 'alpha' })).to.include(nowPlaying('Alpha FM', alpha));
		await waitFor(() => ffmpegOf(alphaId).length === 1 || null, 'Alpha FM’s ffmpeg');
		await silence();
		// Stopped, it idles for its 60 s grace time...
		expect(ffmpegOf(alphaId)).to.have.length(1);

		// ...unless a server-added station needs its place.
		const logs = logCursor(world.bot);
		const played = await say(await listener(beta), 'radio play', { station: 'beta' });
		expect(played).to.include(nowPlaying('Beta FM', beta));
		const audio = await (await world.emu.waitForVoice(beta.guild, 20_000)).capture(1_500);
		expect(audio.dominantFrequency()).to.be.closeTo(880, 880 * 0.02);
		await waitFor(() => ffmpegOf(alphaId).length === 0 || null, 'the idle Alpha FM ffmpeg to end', 10_000);
		await logs.waitFor((line) => line.msg === 'idle pipeline ended early to make room');
	});

	it('WHEN a server changes the volume of its own station THEN the second stream it needs is refused in words, and it keeps playing as before', async () => {
		await silence();
		const member = await listener(alpha);
		expect(await say(member, 'radio play', { station: 'alpha' })).to.include(nowPlaying('Alpha FM', alpha));
		await world.emu.waitForVoice(alpha.guild, 20_000);
		await waitFor(() => ffmpegOf(`g${alpha.guild.id}-alpha`).length === 1 || null, 'Alpha FM’s ffmpeg');

		const logs = logCursor(world.bot);
		const refused = await say(member, 'radio volume', { percent: 50 });
		expect(refused).to.equal(en('commands/radio:limitServer', { station: 'Alpha FM', max: 1, command: commandMention(world.emu, 'radio stop') }));
		expect(refused).to.include(commandMention(world.emu, 'radio stop'));
		await logs.waitFor((line) => line.msg === 'volume refused: pipeline limit' && line.limit === 'server');
		expect(ffmpegOf(`g${alpha.guild.id}-alpha`).map((process) => process.args.includes('-af'))).to.deep.equal([false]);
		expect(embedField(await (await member.run('radio info', {})).message(), en('commands/radio:infoVolume'))).to.equal(
			en('commands/radio:infoVolumeValue', { volume: 100 })
		);
	});
});
