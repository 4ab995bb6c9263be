import { expect } from 'chai';
import { Permission, renderMessage, type Json } from '#emulator/index';
import { directoryStationJson, FakeRadioBrowser, type DirectoryStationJson } from '#support/FakeRadioBrowser';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

type Member = ReturnType<RadioWorld['guilds'][number]['guild']['addMember']>;

const managerPermissions = Permission.ManageGuild | Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands;

/** Every button custom id of a message, in order. */
const buttonIds = (message: Json): string[] =>
	((message.components ?? []) as Json[]).flatMap((row) => ((row.components ?? []) as Json[]).map((component) => String(component.custom_id)));

describe('GIVEN a bot whose station directory is a local fake of radio-browser.info over HTTPS, listing streams of the local test station', () => {
	let world: RadioWorld;
	let fake: FakeRadioBrowser;
	let admin: Member;
	let jazz: DirectoryStationJson;
	let hostile: DirectoryStationJson;

	before(async () => {
		fake = await FakeRadioBrowser.start();
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			// The directory's streams are on 127.0.0.1, which only this lets a user-provided station reach.
			config: { stream: { allow_private_addresses: true }, directory: { base_url: fake.url } }
		});
		world.station.addMount('/jazz.mp3', { frequency: 550, bitrate: 64 });
		world.station.addMount('/hostile.mp3', { frequency: 660 });
		jazz = directoryStationJson({
			name: 'Jazz Lounge',
			url: world.station.url('/jazz.pls'),
			url_resolved: world.station.url('/jazz.mp3'),
			country: 'France',
			countrycode: 'FR',
			tags: 'jazz,smooth',
			codec: 'MP3',
			bitrate: 64,
			votes: 1234
		});
		hostile = directoryStationJson({
			name: '**Jazz** [free nitro](https://evil.example) @everyone <script>',
			url_resolved: world.station.url('/hostile.mp3'),
			country: 'France',
			countrycode: 'FR',
			tags: 'jazz',
			bitrate: 99_999_999,
			votes: 7
		});
		fake.stations = [
			jazz,
			hostile,
			directoryStationJson({
				name: 'Jazz From A File',
				url: 'file:///etc/passwd',
				country: 'France',
				countrycode: 'FR',
				tags: 'jazz',
				votes: 5
			})
		];
		admin = world.guilds[0]!.guild.addMember({ username: 'admin', permissions: managerPermissions });
	});

	after(async () => {
		await world?.stop();
		await fake?.stop();
	});

	it('WHEN a member searches THEN each result shows name, country, codec and bitrate and votes, with Play and ⭐ buttons but no Save, and the request named the bot over HTTPS', async () => {
		const reply = await world.guilds[0]!.member.run('radio search', { query: 'jazz', country: 'FR', tag: 'jazz' });
		const message = await reply.message();
		const text = renderMessage(message);
		expect(reply.ephemeral).to.equal(true);
		expect(text).to.include('**1. Jazz Lounge**');
		expect(text).to.include('🇫🇷 France · MP3 64 kbps · 👍 1234 · jazz, smooth');
		expect(buttonIds(message)).to.include.members([`radio-play:rb-${jazz.stationuuid}`, `radio-dir:fav:${jazz.stationuuid}`]);
		expect(buttonIds(message).some((id) => id.startsWith('radio-dir:save:'))).to.equal(false);
		const [request] = fake.requestsTo('/json/stations/search');
		expect(request!.headers['user-agent']).to.equal('Alastor/0.0.0-test (+https://example.com/alastor)');
		expect(request!.query.get('countrycode')).to.equal('FR');
	});

	it('WHEN a result is hostile THEN its name is shown literally, its absurd bitrate not at all, and a result with a file: URL is left out', async () => {
		const text = renderMessage(await (await world.guilds[0]!.member.run('radio search', { query: 'jazz' })).message());
		expect(text).to.include('\\*\\*Jazz\\*\\* \\[free nitro\\]\\(https://evil.example\\) @everyone \\<script\\>');
		expect(text).to.not.include('99999999');
		expect(text).to.include('MP3 · 👍 7');
		expect(text).to.not.include('Jazz From A File');
		expect(world.emu.rejections).to.deep.equal([]);
	});

	it('WHEN a member clicks Play on a result THEN its stream is checked and its 550 Hz tone reaches their voice channel', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		await member.joinVoice(lounge);
		const results = await (await member.run('radio search', { query: 'lounge' })).message();
		const played = await member.clickButton(results, `radio-play:rb-${jazz.stationuuid}`);
		expect(renderMessage(await played.message())).to.include('Now playing **Jazz Lounge**');
		const voice = await world.emu.waitForVoice(guild, 20_000);
		const audio = await voice.capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(550, 550 * 0.02);
		const playing = await world.bot.waitForLog((line) => line.msg === 'playing' && line.station === `rb-${jazz.stationuuid}`);
		expect(playing.pipeline).to.be.a('string');
		expect(world.station.requests('/jazz.mp3').length).to.be.at.least(2);
		await member.run('radio stop');
	});

	it('WHEN a manager clicks Save THEN the station becomes the server’s own, checked like /station add, and a second Save is refused as taken', async () => {
		const results = await (await admin.run('radio search', { query: 'lounge' })).message();
		expect(buttonIds(results)).to.include(`radio-dir:save:${jazz.stationuuid}`);
		const saved = renderMessage(await (await admin.clickButton(results, `radio-dir:save:${jazz.stationuuid}`)).message());
		expect(saved).to.include('Added **Jazz Lounge** (64 kbps MP3)');
		expect(renderMessage(await (await admin.run('station list')).message())).to.include('Jazz Lounge');
		const again = renderMessage(await (await admin.clickButton(results, `radio-dir:save:${jazz.stationuuid}`)).message());
		expect(again).to.include('“Jazz Lounge” already names **Jazz Lounge** here');
	});

	it('WHEN a member without Manage Server clicks a Save button THEN it is refused before anything is fetched', async () => {
		const results = await (await admin.run('radio search', { query: 'lounge' })).message();
		const before = fake.requests.length;
		const refused = await world.guilds[0]!.member.clickButton(results, `radio-dir:save:${jazz.stationuuid}`);
		expect(renderMessage(await refused.message())).to.equal('Only server managers can do this: you need the Manage Server permission.');
		expect(fake.requests.length).to.equal(before);
	});

	it('WHEN a member stars a result THEN it becomes their favourite, offered first in /radio play', async () => {
		const member = world.guilds[0]!.guild.addMember({ username: 'fan' });
		const results = await (await member.run('radio search', { query: 'lounge' })).message();
		const starred = renderMessage(await (await member.clickButton(results, `radio-dir:fav:${jazz.stationuuid}`)).message());
		expect(starred).to.include('Added **Jazz Lounge** to your favorites (1/25)');
		const [first] = await member.autocomplete('radio play', { station: '' }, 'station');
		expect(first).to.deep.equal({ name: '★ Jazz Lounge · 64 kbps MP3', value: `rb-${jazz.stationuuid}` });
	});

	it('WHEN the directory fails THEN /radio search says so in words, with nothing to click', async () => {
		fake.override('/json/stations/search', (_request, response) => void response.writeHead(503).end());
		try {
			const message = await (await world.guilds[0]!.member.run('radio search', { query: 'anything new' })).message();
			expect(renderMessage(message)).to.equal("I can't reach the station directory right now. Try again in a few minutes.");
			await waitFor(() => world.bot.logs.some((line) => line.msg === 'directory search failed'), 'the failure in the log');
		} finally {
			fake.override('/json/stations/search', null);
		}
	});
});
