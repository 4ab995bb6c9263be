import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { descendantProcesses } from '#support/processes';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

type Radios = Record<string, { url: string; aliases: string[]; bitrate: number; format: string; description: string }>;

describe('GIVEN a playing bot whose config.yaml is edited while it runs', () => {
	let world: RadioWorld;
	let first: WorldGuild;
	let second: WorldGuild;
	let third: WorldGuild;

	const radiosOf = (config: Record<string, unknown>) => config.radios as Radios;
	/** The running config with `change` applied to its stations, written as an editor saves it. */
	function editStations(change: (radios: Radios, station: (path: string, alias: string) => Radios[string]) => void): void {
		const { config } = world;
		const station = (path: string, alias: string) => ({
			url: world.station.url(path),
			aliases: [alias],
			bitrate: 128,
			format: 'MP3',
			description: alias
		});
		change(radiosOf(config), station);
		world.bot.writeConfig(config);
	}
	const reloads = () => world.bot.logs.filter((line) => line.msg === 'config.yaml reloaded');
	const frequencyIn = async (guild: WorldGuild) => (await world.emu.voice(guild.guild)!.capture(1_500)).dominantFrequency();

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 },
				{ name: 'High Tone', alias: 'high', path: '/high.mp3', frequency: 660 }
			],
			guilds: 3,
			config: { config_reload: { debounce_ms: 100 } }
		});
		world.station.addMount('/extra.mp3', { frequency: 880 });
		world.station.addMount('/brighter.mp3', { frequency: 990 });
		[first, second, third] = world.guilds as [WorldGuild, WorldGuild, WorldGuild];
		await world.bot.waitForLog((line) => line.msg === 'watching config.yaml for edits');
		await (await world.play(first, 'low')).waitForAudio(10_000);
	});

	after(() => world?.stop());

	it('WHEN a station is added THEN it plays at once, without a restart, and the server already listening keeps its voice session', async () => {
		const listening = world.emu.voice(first.guild);
		const { pid } = world.bot;
		editStations((radios, station) => {
			radios['Extra Tone'] = station('/extra.mp3', 'extra');
		});
		await world.bot.waitForLog((line) => line.msg === 'config.yaml reloaded');
		expect(reloads()[0]).to.deep.include({ added: ['extra-tone'], removed: [], stations: 3 });

		await (await world.play(second, 'extra')).waitForAudio(10_000);
		expect(await frequencyIn(second)).to.be.closeTo(880, 15);
		expect(world.bot.pid).to.equal(pid);
		expect(world.emu.voice(first.guild)).to.equal(listening);
		expect(await frequencyIn(first)).to.be.closeTo(440, 10);
	});

	it('WHEN a broken edit is saved THEN it is logged with its file, line and key and ignored: playback goes on and the stations stay', async () => {
		const { config } = world;
		radiosOf(config)['Extra Tone'] = { url: 'ftp://not-a-stream', aliases: ['extra'], bitrate: 128, format: 'MP3', description: '' };
		world.bot.writeConfig(config);
		const rejected = await world.bot.waitForLog((line) => line.msg === 'config.yaml edit rejected: the running config stays');
		const problems = rejected.problems as string[];
		expect(problems).to.have.lengthOf(1);
		expect(problems[0]).to.match(/config\.yaml:\d+: radios\."Extra Tone"\.url: must be an http:\/\/ or https:\/\/ URL/);
		expect(world.bot.hasExited).to.equal(false);

		expect(await frequencyIn(first)).to.be.closeTo(440, 10);
		// The station list is the last good one: "extra" still plays the added station.
		await (await world.play(third, 'extra')).waitForAudio(10_000);
		expect(await frequencyIn(third)).to.be.closeTo(880, 15);
	});

	it('WHEN a playing station`s URL changes THEN its listeners move to the new stream in the same voice session', async () => {
		const session = await world.play(third, 'high');
		await waitFor(async () => Math.abs((await frequencyIn(third)) - 660) < 15 || null, 'the 660 Hz station', 15_000, 100);
		editStations((radios, station) => {
			radios['Extra Tone'] = station('/extra.mp3', 'extra');
			radios['High Tone'] = { ...radios['High Tone']!, url: world.station.url('/brighter.mp3') };
		});
		await waitFor(() => reloads().some((line) => (line.restreamed as string[]).includes('high-tone')), 'the reload with the new URL');
		const moved = await waitFor(async () => ((await frequencyIn(third)) > 900 ? true : null), 'the new stream in the same session', 15_000, 200);
		expect(moved).to.equal(true);
		expect(world.emu.voice(third.guild)).to.equal(session);
	});

	it('WHEN a playing station is removed THEN its listeners are told, with other stations to pick, the bot leaves and its ffmpeg ends; the others play on', async () => {
		const general = first.guild.defaultTextChannel.id;
		const before = first.guild.channelMessages(general).length;
		editStations((radios, station) => {
			radios['Extra Tone'] = station('/extra.mp3', 'extra');
			radios['High Tone'] = { ...radios['High Tone']!, url: world.station.url('/brighter.mp3') };
			delete radios['Low Tone'];
		});
		await waitFor(() => reloads().some((line) => (line.removed as string[]).includes('low-tone')), 'the reload without Low Tone');
		const notice = await waitFor(
			() =>
				first.guild
					.channelMessages(general)
					.slice(before)
					.find((message) => renderMessage(message).includes('Low Tone')),
			'the notice in the server that listened'
		);
		expect(renderMessage(notice)).to.include("is no longer on this bot's station list");
		expect(JSON.stringify(notice.components)).to.include('extra').and.not.include('low-tone');
		await waitFor(() => !first.guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave the channel');
		const lowTone = (args: string[]) => args.some((arg) => arg.includes('alastor-station=low-tone'));
		await waitFor(
			() => !descendantProcesses(world.bot.pid, 'ffmpeg').some((process) => lowTone(process.args)) || null,
			'the Low Tone ffmpeg to end'
		);
		expect(await frequencyIn(second)).to.be.closeTo(880, 15);
		// Its saved session goes too: a restart will not bring back a station that no longer exists.
		const saved = await waitFor(async () => {
			const sessions = await world.withSettings((store) => store.listSessions());
			return sessions.some((record) => record.guildId === first.guild.id) ? null : sessions;
		}, 'the saved session to be deleted');
		expect(saved.map((record) => record.guildId)).to.include(second.guild.id);
	});
});
