import { expect } from 'chai';
import pino from 'pino';
import { strictAddressPolicy } from '#lib/net/safety/AddressPolicy';
import { DirectoryError, RadioDirectory, type RadioDirectoryOptions } from '#lib/stations/directory/RadioDirectory';
import { directoryStation } from '#lib/stations/directory/directoryStation';
import { markdownText } from '#lib/text/userText';
import { directoryStationJson, FakeRadioBrowser } from '#support/FakeRadioBrowser';

const UserAgent = 'Alastor/9.9.9 (+https://example.com/alastor)';

describe('RadioDirectory against a local fake of radio-browser.info', () => {
	let fake: FakeRadioBrowser;
	const logged: { msg: string }[] = [];
	const log = pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
	let clock = 0;

	const directory = (options: Partial<RadioDirectoryOptions> = {}) =>
		new RadioDirectory({
			baseUrl: fake.url,
			discover: () => Promise.resolve([fake.url]),
			discoveryTtlMs: 60_000,
			userAgent: UserAgent,
			timeoutMs: 2_000,
			maxResponseBytes: 64 * 1024,
			cacheTtlMs: 10_000,
			resultLimit: 5,
			policy: strictAddressPolicy,
			takeRequest: () => true,
			log,
			now: () => clock,
			...options
		});

	beforeEach(async () => {
		fake = await FakeRadioBrowser.start();
		logged.length = 0;
		clock = 1_000_000;
	});
	afterEach(() => fake.stop());

	it('GIVEN documented station objects WHEN searching with a country code, tag and language THEN the request names the bot over HTTPS and the entries keep name, country, codec, bitrate and votes', async () => {
		const jazz = directoryStationJson({
			name: 'Jazz Lounge',
			url: 'https://jazz.example.com/listen.pls',
			url_resolved: 'https://jazz.example.com/stream.mp3',
			country: 'France',
			countrycode: 'FR',
			tags: 'jazz,smooth jazz',
			language: 'french',
			codec: 'AAC+',
			bitrate: 64,
			votes: 1234,
			favicon: 'https://jazz.example.com/logo.png'
		});
		fake.stations = [
			jazz,
			directoryStationJson({ name: 'Jazz Elsewhere', country: 'Germany', countrycode: 'DE', tags: 'jazz', language: 'german' })
		];

		const found = await directory().search({ name: 'JAZZ', country: 'fr', tag: 'Jazz', language: 'French' });

		expect(found).to.deep.equal([
			{
				uuid: jazz.stationuuid,
				name: 'Jazz Lounge',
				url: 'https://jazz.example.com/stream.mp3',
				country: 'France',
				countryCode: 'FR',
				language: 'french',
				tags: 'jazz, smooth jazz',
				codec: 'AAC+',
				bitrate: 64,
				votes: 1234,
				hls: false,
				favicon: 'https://jazz.example.com/logo.png'
			}
		]);
		const [request] = fake.requestsTo('/json/stations/search');
		expect(fake.url).to.match(/^https:\/\//);
		expect(request!.headers['user-agent']).to.equal(UserAgent);
		expect(Object.fromEntries(request!.query)).to.deep.equal({
			name: 'jazz',
			countrycode: 'FR',
			tag: 'jazz',
			language: 'french',
			limit: '20',
			hidebroken: 'true',
			order: 'votes',
			reverse: 'true'
		});
	});

	it('GIVEN hostile entries among good ones WHEN searching THEN unusable URLs, private addresses, broken and malformed entries are dropped, numbers that are not believable become 0, and text stays data', async () => {
		const good = directoryStationJson({ name: 'Good FM', votes: 50 });
		fake.stations = [
			good,
			directoryStationJson({ name: 'Loopback FM', url: 'http://127.0.0.1:8000/stream' }),
			directoryStationJson({ name: 'Private FM', url_resolved: 'http://10.0.0.7/stream' }),
			directoryStationJson({ name: 'Metadata FM', url: 'http://169.254.169.254/latest/meta-data/' }),
			directoryStationJson({ name: 'IPv6 Loopback FM', url: 'http://[::1]/stream' }),
			directoryStationJson({ name: 'Decimal FM', url: 'http://2130706433/stream' }),
			directoryStationJson({ name: 'File FM', url: 'file:///etc/passwd' }),
			directoryStationJson({ name: 'Script FM', url: 'javascript:alert(1)' }),
			directoryStationJson({ name: 'Credentials FM', url: 'http://user:secret@radio.example.com/stream' }),
			directoryStationJson({ name: 'SSH FM', url: 'http://radio.example.com:22/stream' }),
			directoryStationJson({ name: 'Long URL FM', url: `https://radio.example.com/${'a'.repeat(3_000)}` }),
			directoryStationJson({ name: 'No URL FM', url: '', url_resolved: '' }),
			directoryStationJson({ name: 'Broken FM', lastcheckok: 0 }),
			directoryStationJson({ name: 'Bad uuid FM', stationuuid: '../../etc/passwd' }),
			directoryStationJson({ name: 42 }),
			directoryStationJson({ name: '\u200B\u202E\u3164' }),
			// Fewer votes than Good FM: it comes after it, and its uuid was seen.
			{ ...directoryStationJson({ name: 'Duplicate FM' }), stationuuid: good.stationuuid },
			'not an object',
			null
		];
		const weird = [
			directoryStationJson({
				name: '<script>alert(1)</script> **Bold** [free nitro](https://evil.example) @everyone',
				bitrate: 99_999_999,
				// Text, not a number (the fake still sorts it first).
				votes: '999999',
				codec: '<img src=x>',
				favicon: 'javascript:alert(1)',
				country: 'x'.repeat(10_000),
				countrycode: 'Germany'
			}),
			directoryStationJson({
				name: `Huge ${'Ω'.repeat(40_000)}`,
				bitrate: '128',
				votes: 1e300,
				tags: 'a,'.repeat(20_000),
				favicon: `https://radio.example.com/${'a'.repeat(3_000)}.png`
			}),
			directoryStationJson({ name: 'Fraction FM', bitrate: 127.5, votes: 20.5, favicon: 'http://192.168.1.1/logo.png' })
		];
		fake.stations.push(...weird);

		const found = await directory({ resultLimit: 5, maxResponseBytes: 512 * 1024 }).search({ name: '' });

		expect(found.map((entry) => entry.name.slice(0, 20)).sort()).to.deep.equal(
			['<script>alert(1)</sc', 'Fraction FM', 'Good FM', `Huge ${'Ω'.repeat(15)}`].sort()
		);
		const hostile = found.find((entry) => entry.name.startsWith('<script>'))!;
		expect(hostile).to.include({ bitrate: 0, votes: 0, codec: '', countryCode: '', favicon: null });
		expect(hostile.country.length).to.be.at.most(60);
		expect(markdownText(hostile.name, 100)).to.not.match(/(?<!\\)[[\]()<>*]/);
		const huge = found.find((entry) => entry.name.startsWith('Huge'))!;
		expect(huge.name.length).to.be.at.most(100);
		expect(huge.tags.length).to.be.at.most(100);
		expect(huge).to.include({ bitrate: 0, votes: 0 });
		expect(found.find((entry) => entry.name === 'Fraction FM')).to.include({ bitrate: 0, votes: 0, favicon: null });
		expect(huge.favicon, 'a favicon of 3000 characters').to.equal(null);
	});

	it('GIVEN a directory entry WHEN it becomes a station THEN it is user-provided (guarded, capped per server), never a trusted config station, with its favicon as its logo', () => {
		const entry = {
			uuid: '96062a7b-0601-11e8-ae97-52543be04c81',
			name: 'Jazz',
			url: 'https://jazz.example.com/a',
			codec: 'AAC+',
			bitrate: 64,
			hls: false
		};
		const station = directoryStation({ ...entry, favicon: 'https://jazz.example.com/logo.png' }, '123');
		expect(station).to.deep.include({
			id: 'rb-96062a7b-0601-11e8-ae97-52543be04c81',
			guildId: '123',
			format: 'AAC',
			bitrate: 64,
			logo: 'https://jazz.example.com/logo.png'
		});
		expect(directoryStation({ ...entry, favicon: null }, '123')).to.not.have.property('logo');
	});

	it('GIVEN an answer larger than the cap, declared or not WHEN searching THEN it is refused unread as unavailable, and nothing is cached', async () => {
		fake.override('/json/stations/search', (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(Array.from({ length: 2_000 }, () => directoryStationJson({}))));
		});
		const error = await directory({ maxResponseBytes: 16 * 1024 })
			.search({ name: 'x' })
			.catch((caught: unknown) => caught);
		expect(error).to.be.instanceOf(DirectoryError).with.property('problem', 'unavailable');
		expect(((error as DirectoryError).cause as { reason: string }).reason).to.equal('too-large');

		fake.override('/json/stations/search', (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			const chunk = Buffer.alloc(8 * 1024, 0x20);
			let sent = 0;
			const push = () => {
				while (sent < 400 && response.write(chunk)) sent++;
				if (sent >= 400) response.end();
				else response.once('drain', push);
			};
			push();
		});
		const unbounded = await directory({ maxResponseBytes: 16 * 1024 })
			.search({ name: 'y' })
			.catch((caught: unknown) => caught);
		expect(((unbounded as DirectoryError).cause as { reason: string }).reason).to.equal('too-large');
	});

	it('GIVEN answers that are HTML, not JSON, or JSON that is not a list WHEN searching THEN the first fails as unavailable and the second finds nothing', async () => {
		fake.override('/json/stations/search', (_request, response) => {
			response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
		});
		const error = await directory()
			.search({ name: 'x' })
			.catch((caught: unknown) => caught);
		expect(error).to.be.instanceOf(DirectoryError).with.property('problem', 'unavailable');

		fake.override('/json/stations/search', (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"stations": [{"name": "Nested FM"}]}');
		});
		expect(await directory().search({ name: 'nested' })).to.deep.equal([]);
	});

	it('GIVEN a server that never answers, or redirects without end or to plain http WHEN searching THEN each fails within its budget as unavailable', async () => {
		fake.override('/json/stations/search', () => undefined);
		const stalled = await directory({ timeoutMs: 300 })
			.search({ name: 'x' })
			.catch((caught: unknown) => caught);
		expect(((stalled as DirectoryError).cause as { reason: string }).reason).to.equal('timeout');

		fake.override('/json/stations/search', (request, response) => {
			response.writeHead(302, { location: `${fake.url}${request.url}` }).end();
		});
		const before = fake.requests.length;
		const looping = await directory()
			.search({ name: 'loop' })
			.catch((caught: unknown) => caught);
		expect(((looping as DirectoryError).cause as { reason: string }).reason).to.equal('too-many-redirects');
		expect(fake.requests.length - before).to.equal(3);

		fake.override('/json/stations/search', (_request, response) => {
			response.writeHead(302, { location: 'http://127.0.0.1:1/json' }).end();
		});
		const downgraded = await directory()
			.search({ name: 'plain' })
			.catch((caught: unknown) => caught);
		expect(((downgraded as DirectoryError).cause as { reason: string }).reason).to.equal('bad-url');
	});

	it('GIVEN a search WHEN repeated within the TTL, at once or later THEN one request serves them all; after the TTL it is asked again', async () => {
		fake.stations = [directoryStationJson({ name: 'Cached FM' })];
		const radio = directory();
		const [first, second] = await Promise.all([radio.search({ name: 'cached' }), radio.search({ name: ' Cached ' })]);
		expect(second).to.equal(first);
		clock += 9_000;
		await radio.search({ name: 'cached' });
		expect(fake.requestsTo('/json/stations/search')).to.have.lengthOf(1);
		clock += 2_000;
		await radio.search({ name: 'cached' });
		expect(fake.requestsTo('/json/stations/search')).to.have.lengthOf(2);
	});

	it('GIVEN a station seen in a search WHEN looked up by uuid THEN it comes from memory; an unknown one is asked for by uuid, and a missing one is null', async () => {
		const seen = directoryStationJson({ name: 'Seen FM' });
		const other = directoryStationJson({ name: 'Other FM' });
		fake.stations = [seen, other];
		const radio = directory();
		await radio.search({ name: 'seen' });
		expect((await radio.station(seen.stationuuid))?.name).to.equal('Seen FM');
		expect(fake.requestsTo('/json/stations/byuuid')).to.have.lengthOf(0);
		expect((await radio.station(other.stationuuid))?.name).to.equal('Other FM');
		expect(fake.requestsTo('/json/stations/byuuid')[0]!.query.get('uuids')).to.equal(other.stationuuid);
		expect(await radio.station('00000000-0000-0000-0000-000000000000')).to.equal(null);
	});

	it('GIVEN the bot-wide request budget is spent WHEN a new search comes THEN it fails as busy without a request, while cached searches still answer', async () => {
		fake.stations = [directoryStationJson({ name: 'Budget FM' })];
		let left = 1;
		const radio = directory({ takeRequest: () => left-- > 0 });
		await radio.search({ name: 'budget' });
		const error = await radio.search({ name: 'other' }).catch((caught: unknown) => caught);
		expect(error).to.be.instanceOf(DirectoryError).with.property('problem', 'busy');
		expect(fake.requests).to.have.lengthOf(1);
		expect(await radio.search({ name: 'budget' })).to.have.lengthOf(1);
	});

	it('GIVEN discovered servers of which the first fails WHEN searching THEN the next one answers, and the failed one is tried last next time', async () => {
		const second = await FakeRadioBrowser.start([directoryStationJson({ name: 'Failover FM' })]);
		try {
			fake.override('/json/stations/search', (_request, response) => void response.writeHead(503).end());
			let discoveries = 0;
			const radio = directory({
				baseUrl: null,
				discover: () => {
					discoveries++;
					return Promise.resolve([fake.url, second.url]);
				}
			});
			expect((await radio.search({ name: 'failover' })).map((entry) => entry.name)).to.deep.equal(['Failover FM']);
			await radio.search({ name: 'again' });
			expect(fake.requestsTo('/json/stations/search')).to.have.lengthOf(1);
			expect(second.requestsTo('/json/stations/search')).to.have.lengthOf(2);
			expect(discoveries).to.equal(1);
			expect(logged.some((line) => line.msg === 'directory server failed')).to.equal(true);
		} finally {
			await second.stop();
		}
	});
});
