import { expect } from 'chai';
import { stringify } from 'yaml';
import { renderMessage } from '#emulator/index';
import { descendantProcesses } from '#support/processes';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { ensurePlaying, logCursor } from '#support/worldState';
import type { LogLine } from '#support/BotProcess';

interface Radio {
	url: string;
	aliases: string[];
	bitrate: number;
	format: string;
	description: string;
	logo?: string;
	fallback?: string[];
}
type Radios = Record<string, Radio>;
type Json = Record<string, any>;

describe('GIVEN a playing bot whose config.yaml is edited while it runs', () => {
	let world: RadioWorld;
	let first: WorldGuild;
	let second: WorldGuild;
	let third: WorldGuild;
	let fourth: WorldGuild;
	/** What the file holds now (the watcher ignores a save that changes nothing). */
	let written: string;

	const station = (path: string, alias: string): Radio => ({
		url: world.station.url(path),
		aliases: [alias],
		bitrate: 128,
		format: 'MP3',
		description: alias
	});
	/** The config the bot started with (Low Tone and High Tone), with `change` applied to its stations, as text. */
	function configWith(change: (radios: Radios) => void = () => undefined): string {
		const { config } = world;
		change(config.radios as Radios);
		return stringify(config);
	}
	/** Saves `content` as an editor would; resolves with the bot's verdict on it, or null when the file did not change. */
	async function save(content: string): Promise<LogLine | null> {
		if (content === written) return null;
		const logs = logCursor(world.bot);
		written = content;
		world.bot.writeConfig(content);
		return logs.waitFor((line) => line.msg === 'config.yaml reloaded' || line.msg === 'config.yaml edit rejected: the running config stays');
	}
	const withExtra = (radios: Radios) => {
		radios['Extra Tone'] = station('/extra.mp3', 'extra');
	};
	const frequencyIn = async (guild: WorldGuild) => (await world.emu.voice(guild.guild)!.capture(1_500)).dominantFrequency();
	/** Waits until `guild` hears `frequency` (within 2 %). */
	const hears = (guild: WorldGuild, frequency: number, timeoutMs = 15_000) =>
		waitFor(async () => Math.abs((await frequencyIn(guild)) - frequency) <= frequency * 0.02 || null, `${frequency} Hz`, timeoutMs, 100);
	const cardIn = (guild: WorldGuild): Json | undefined =>
		guild.guild
			.channelMessages(guild.guild.defaultTextChannel.id)
			.find((message) => JSON.stringify(message.components ?? []).includes('radio-card'));

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 },
				{ name: 'High Tone', alias: 'high', path: '/high.mp3', frequency: 660 }
			],
			guilds: 4,
			// Short failover timings: a stalled station gives up within seconds.
			config: {
				config_reload: { debounce_ms: 100 },
				voice: { restart_attempts: 2, restart_max_delay_seconds: 1, stall_timeout_seconds: 2 },
				stream: { preflight_timeout_ms: 1500 }
			}
		});
		world.station.addMount('/extra.mp3', { frequency: 880 });
		world.station.addMount('/brighter.mp3', { frequency: 990 });
		world.station.addMount('/flaky.mp3', { frequency: 550 });
		[first, second, third, fourth] = world.guilds as [WorldGuild, WorldGuild, WorldGuild, WorldGuild];
		written = configWith();
		await world.bot.waitForLog((line) => line.msg === 'watching config.yaml for edits');
	});

	after(() => world?.stop());

	it('WHEN a station is added THEN it plays at once, without a restart, and the server already listening keeps its voice session', async () => {
		await save(configWith());
		await ensurePlaying(world, first, 'low', { name: 'Low Tone' });
		const listening = world.emu.voice(first.guild);
		const { pid } = world.bot;
		const reload = await save(configWith(withExtra));
		expect(reload).to.deep.include({ msg: 'config.yaml reloaded', added: ['extra-tone'], removed: [], stations: 3 });

		await (await world.play(second, 'extra')).waitForAudio(10_000);
		expect(await frequencyIn(second)).to.be.closeTo(880, 15);
		expect(world.bot.pid).to.equal(pid);
		expect(world.emu.voice(first.guild)).to.equal(listening);
		expect(await frequencyIn(first)).to.be.closeTo(440, 10);
	});

	it('WHEN a broken edit is saved THEN it is logged with its file, line and key and ignored: playback goes on and the stations stay', async () => {
		await save(configWith(withExtra));
		await ensurePlaying(world, first, 'low', { name: 'Low Tone' });
		const rejected = await save(
			configWith((radios) => {
				radios['Extra Tone'] = { ...station('/extra.mp3', 'extra'), url: 'ftp://not-a-stream' };
			})
		);
		expect(rejected?.msg).to.equal('config.yaml edit rejected: the running config stays');
		const problems = rejected!.problems as string[];
		expect(problems).to.have.lengthOf(1);
		expect(problems[0]).to.match(/config\.yaml:\d+: radios\."Extra Tone"\.url: must be an http:\/\/ or https:\/\/ URL/);
		expect(world.bot.hasExited).to.equal(false);

		expect(await frequencyIn(first)).to.be.closeTo(440, 10);
		// The station list is the last good one: "extra" still plays the added station.
		await (await world.play(third, 'extra')).waitForAudio(10_000);
		expect(await frequencyIn(third)).to.be.closeTo(880, 15);
	});

	it('WHEN a playing station`s URL changes THEN its listeners move to the new stream in the same voice session', async () => {
		await save(configWith(withExtra));
		const session = await ensurePlaying(world, third, 'high', { name: 'High Tone' });
		await hears(third, 660);
		const reload = await save(
			configWith((radios) => {
				withExtra(radios);
				radios['High Tone'] = { ...radios['High Tone']!, url: world.station.url('/brighter.mp3') };
			})
		);
		expect(reload).to.deep.include({ msg: 'config.yaml reloaded', restreamed: ['high-tone'] });
		await hears(third, 990);
		expect(world.emu.voice(third.guild)).to.equal(session);
	});

	it('WHEN a playing station is removed THEN its listeners are told, with other stations to pick, the bot leaves and its ffmpeg ends; the others play on', async () => {
		await save(configWith(withExtra));
		await ensurePlaying(world, first, 'low', { name: 'Low Tone' });
		await ensurePlaying(world, second, 'extra', { name: 'Extra Tone' });
		const general = first.guild.defaultTextChannel.id;
		const before = first.guild.channelMessages(general).length;
		const reload = await save(
			configWith((radios) => {
				withExtra(radios);
				delete radios['Low Tone'];
			})
		);
		expect(reload).to.deep.include({ msg: 'config.yaml reloaded', removed: ['low-tone'] });
		const notice = await waitFor(
			() =>
				first.guild
					.channelMessages(general)
					.slice(before)
					.find(
						(message) => !JSON.stringify(message.components ?? []).includes('radio-card') && renderMessage(message).includes('Low Tone')
					),
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

	it('WHEN an edit gives the playing station a logo and a fallback THEN its card shows the logo, a stall moves its listeners to that fallback in the same voice session, and removing the station keeps them there', async () => {
		const flaky = (extra: Partial<Radio> = {}) =>
			configWith((radios) => {
				withExtra(radios);
				radios['Flaky Tone'] = { ...station('/flaky.mp3', 'flaky'), ...extra };
			});
		world.station.stall('/flaky.mp3', false);
		try {
			await save(flaky());
			const session = await ensurePlaying(world, fourth, 'flaky', { name: 'Flaky Tone' });
			await hears(fourth, 550);

			const reload = await save(flaky({ logo: 'https://radio.example/flaky.png', fallback: ['Extra Tone'] }));
			expect(reload).to.deep.include({ msg: 'config.yaml reloaded', relabelled: ['flaky-tone'], restreamed: [] });
			await waitFor(() => cardIn(fourth)?.embeds?.[0]?.thumbnail?.url === 'https://radio.example/flaky.png' || null, 'the logo on the card');

			world.station.stall('/flaky.mp3', true);
			await hears(fourth, 880, 45_000);
			expect(world.emu.voice(fourth.guild), 'the same voice session: no rejoin').to.equal(session);
			const standingIn = async () =>
				(await world.withSettings((store) => store.listSessions())).find((record) => record.guildId === fourth.guild.id);
			await waitFor(async () => (await standingIn())?.failoverFromId === 'flaky-tone' || null, 'the saved session to stand in for Flaky Tone');

			// The station it stands in for is gone: it stays on the fallback, with nothing to switch back to.
			expect(await save(configWith(withExtra))).to.deep.include({ msg: 'config.yaml reloaded', removed: ['flaky-tone'] });
			const record = await waitFor(async () => {
				const saved = await standingIn();
				return saved?.failoverFromId === null ? saved : null;
			}, 'the saved session to forget Flaky Tone');
			expect(record.stationId).to.equal('extra-tone');
			expect(world.emu.voice(fourth.guild)).to.equal(session);
			expect(await frequencyIn(fourth)).to.be.closeTo(880, 15);
		} finally {
			world.station.stall('/flaky.mp3', false);
		}
	});
});
