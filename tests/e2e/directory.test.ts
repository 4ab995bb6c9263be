import { expect } from 'chai';
import { Permission, renderMessage, type Json } from '#emulator/index';
import { en, enPattern } from '#support/en';
import { directoryStationJson, FakeRadioBrowser, type DirectoryStationJson } from '#support/FakeRadioBrowser';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { ensureInVoice, ensureStopped, logCursor } from '#support/worldState';

type Member = ReturnType<RadioWorld['guilds'][number]['guild']['addMember']>;

const managerPermissions = Permission.ManageGuild | Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands;

/** Every button custom id of a message, in order. */
const buttonIds = (message: Json): string[] =>
	((message.components ?? []) as Json[]).flatMap((row) => ((row.components ?? []) as Json[]).map((component) => String(component.custom_id)));

const jazzLogo = 'https://radio.example/jazz-lounge.png';

describe('GIVEN a bot whose station directory is a local fake of radio-browser.info over HTTPS, listing streams of the local test station', () => {
	let world: RadioWorld;
	let fake: FakeRadioBrowser;
	let admin: Member;
	let jazz: DirectoryStationJson;

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
			favicon: jazzLogo,
			country: 'France',
			countrycode: 'FR',
			tags: 'jazz,smooth',
			codec: 'MP3',
			bitrate: 64,
			votes: 1234
		});
		fake.stations = [
			jazz,
			directoryStationJson({
				name: '**Jazz** [free nitro](https://evil.example) @everyone <script>',
				url_resolved: world.station.url('/hostile.mp3'),
				favicon: 'javascript:alert(1)',
				country: 'France',
				countrycode: 'FR',
				tags: 'jazz',
				bitrate: 99_999_999,
				votes: 7
			}),
			directoryStationJson({
				name: 'Jazz From A File',
				url: 'file:///etc/passwd',
				country: 'France',
				countrycode: 'FR',
				tags: 'jazz',
				votes: 5
			}),
			// Huge fields: a 50 000-character name and tags, a country of 10 000.
			directoryStationJson({
				name: `Jazz ${'Ω'.repeat(50_000)}`,
				url_resolved: world.station.url('/hostile.mp3'),
				country: 'x'.repeat(10_000),
				tags: 'jazz,'.repeat(10_000),
				votes: 3
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
		expect(text).to.include(en('commands/radio:searchTitle', { query: 'jazz' }));
		expect(text).to.include('**1. Jazz Lounge**');
		expect(text).to.include('🇫🇷 France · MP3 64 kbps · 👍 1234 · jazz, smooth');
		expect(buttonIds(message)).to.include.members([`radio-play:rb-${jazz.stationuuid}`, `radio-dir:fav:${jazz.stationuuid}`]);
		expect(buttonIds(message).some((id) => id.startsWith('radio-dir:save:'))).to.equal(false);
		const request = fake.requestsTo('/json/stations/search').find((made) => made.query.get('countrycode') === 'FR');
		expect(request, 'a search request with the country code').to.not.equal(undefined);
		expect(request!.headers['user-agent']).to.equal('Alastor/0.0.0-test (+https://example.com/alastor)');
		expect(request!.query.get('tag')).to.equal('jazz');
	});

	it('WHEN results are hostile THEN a name is shown literally, an absurd bitrate not at all, huge fields are cut, and a result with a file: URL is left out', async () => {
		const message = await (await world.guilds[0]!.member.run('radio search', { query: 'jazz' })).message();
		const text = renderMessage(message);
		expect(text).to.include('\\*\\*Jazz\\*\\* \\[free nitro\\]\\(https://evil.example\\) @everyone \\<script\\>');
		expect(text).to.not.include('99999999');
		expect(text).to.include('MP3 · 👍 7');
		expect(text).to.not.include('Jazz From A File');
		const huge = text.split('\n').find((line) => line.includes('Jazz ΩΩΩ'))!;
		expect(huge.length, 'the huge name, cut').to.be.below(120);
		expect(text).to.not.include('x'.repeat(61));
		expect(world.emu.rejections).to.deep.equal([]);
	});

	it('WHEN a member clicks Play on a result THEN its stream is opened, its 550 Hz tone reaches their voice channel, and the now-playing card shows its favicon', async () => {
		const where = world.guilds[0]!;
		const { guild, lounge, member } = where;
		await ensureStopped(world, where);
		await ensureInVoice(member, lounge);
		const log = logCursor(world.bot);
		const results = await (await member.run('radio search', { query: 'lounge' })).message();
		const played = await member.clickButton(results, `radio-play:rb-${jazz.stationuuid}`);
		expect(renderMessage(await played.message())).to.match(
			enPattern('commands/radio:playNowPlaying', { station: 'Jazz Lounge', channel: /<#\d+>/ })
		);
		const voice = await world.emu.waitForVoice(guild, 20_000);
		const audio = await voice.capture(2_000);
		expect(audio.dominantFrequency()).to.be.closeTo(550, 550 * 0.02);
		const playing = await log.waitFor((line) => line.msg === 'playing' && line.station === `rb-${jazz.stationuuid}`);
		expect(playing.pipeline).to.be.a('string');
		// Checked and played from one connection (the preflight hands it to the pipeline).
		expect(world.station.requests('/jazz.mp3')).to.have.length.of.at.least(1);

		const card = await waitFor(
			() =>
				guild
					.channelMessages(guild.defaultTextChannel.id)
					.filter(
						(message) =>
							JSON.stringify(message.components ?? []).includes('radio-card:stop') && renderMessage(message).includes('Jazz Lounge')
					)
					.at(-1),
			'the now-playing card of Jazz Lounge',
			15_000
		);
		expect(card.embeds[0].thumbnail?.url).to.equal(jazzLogo);
		await ensureStopped(world, where);
	});

	it('WHEN a manager clicks Save THEN the station becomes the server’s own, checked like /station add, and a second Save is refused as taken', async () => {
		const results = await (await admin.run('radio search', { query: 'lounge' })).message();
		expect(buttonIds(results)).to.include(`radio-dir:save:${jazz.stationuuid}`);
		const saved = renderMessage(await (await admin.clickButton(results, `radio-dir:save:${jazz.stationuuid}`)).message());
		expect(saved).to.match(enPattern('commands/station:added', { station: 'Jazz Lounge', badge: '64 kbps MP3', command: /<\/radio play:\d+>/ }));
		expect(renderMessage(await (await admin.run('station list')).message())).to.include('Jazz Lounge');
		const again = renderMessage(await (await admin.clickButton(results, `radio-dir:save:${jazz.stationuuid}`)).message());
		expect(again).to.include(en('commands/station:taken', { key: 'Jazz Lounge', station: 'Jazz Lounge' }));
	});

	it('WHEN a member without Manage Server clicks a Save button THEN it is refused before anything is fetched', async () => {
		const results = await (await admin.run('radio search', { query: 'lounge' })).message();
		const before = fake.requests.length;
		const refused = await world.guilds[0]!.member.clickButton(results, `radio-dir:save:${jazz.stationuuid}`);
		expect(renderMessage(await refused.message())).to.equal(en('preconditions:administrator'));
		expect(fake.requests.length).to.equal(before);
	});

	it('WHEN a member stars a result THEN it becomes their favourite, offered first in /radio play', async () => {
		const member = world.guilds[0]!.guild.addMember({ username: 'fan' });
		const results = await (await member.run('radio search', { query: 'lounge' })).message();
		const starred = renderMessage(await (await member.clickButton(results, `radio-dir:fav:${jazz.stationuuid}`)).message());
		expect(starred).to.match(
			enPattern('commands/radio:favoriteAdded', { station: 'Jazz Lounge', favorites: 1, max: 25, command: /<\/radio play:\d+>/ })
		);
		const [first] = await member.autocomplete('radio play', { station: '' }, 'station');
		expect(first).to.deep.equal({ name: '★ Jazz Lounge · 64 kbps MP3', value: `rb-${jazz.stationuuid}` });
	});

	it('WHEN the directory fails THEN /radio search says so in words, with nothing to click', async () => {
		const log = logCursor(world.bot);
		fake.override('/json/stations/search', (_request, response) => void response.writeHead(503).end());
		try {
			// A query no other test makes: a cached answer would hide the failure.
			const message = await (await world.guilds[0]!.member.run('radio search', { query: `anything new ${Date.now()}` })).message();
			expect(renderMessage(message)).to.equal(en('commands/radio:searchUnavailable'));
			expect(buttonIds(message)).to.deep.equal([]);
			await log.waitFor((line) => line.msg === 'directory search failed');
		} finally {
			fake.override('/json/stations/search', null);
		}
	});
});

describe('GIVEN a bot with the address checks on, whose directory lists streams at private addresses', () => {
	let world: RadioWorld;
	let fake: FakeRadioBrowser;
	let byName: DirectoryStationJson;

	before(async () => {
		fake = await FakeRadioBrowser.start();
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			config: { directory: { base_url: fake.url } }
		});
		// Its own mount: the health prober checks the config station's now and then.
		world.station.addMount('/private.mp3', { frequency: 550 });
		const { port } = new URL(world.station.url('/private.mp3'));
		// A host name that resolves to 127.0.0.1: only the lookup can tell, so it reaches the results and is refused at Play.
		byName = directoryStationJson({
			name: 'Private Jazz By Name',
			url_resolved: `http://localhost:${port}/private.mp3`,
			tags: 'private',
			votes: 9
		});
		fake.stations = [
			byName,
			directoryStationJson({ name: 'Private Jazz Loopback', url_resolved: `http://127.0.0.1:${port}/private.mp3`, tags: 'private', votes: 8 }),
			directoryStationJson({ name: 'Private Jazz LAN', url_resolved: 'http://192.168.1.10:8000/live', tags: 'private', votes: 7 }),
			directoryStationJson({ name: 'Private Jazz Metadata', url: 'http://169.254.169.254/latest/meta-data/', tags: 'private', votes: 6 })
		];
	});

	after(async () => {
		await world?.stop();
		await fake?.stop();
	});

	it('WHEN a member searches and plays THEN literal private addresses are left out, and a host name leading to one is refused before any request reaches it', async () => {
		const where = world.guilds[0]!;
		await ensureInVoice(where.member, where.lounge);
		const results = await (await where.member.run('radio search', { query: 'private jazz' })).message();
		const text = renderMessage(results);
		expect(text).to.include('Private Jazz By Name');
		expect(text).to.not.include('Private Jazz Loopback').and.not.include('Private Jazz LAN').and.not.include('Private Jazz Metadata');

		const before = world.station.requests('/private.mp3').length;
		const refused = renderMessage(await (await where.member.clickButton(results, `radio-play:rb-${byName.stationuuid}`)).message());
		expect(refused).to.include(en('commands/radio:preflightFailed', { station: 'Private Jazz By Name', reason: en('stream:unsafe-url') }));
		expect(world.station.requests('/private.mp3').length, 'nothing reached the station').to.equal(before);
		expect(world.emu.voice(where.guild)?.state === 'ready', 'the bot did not join').to.equal(false);
	});
});
