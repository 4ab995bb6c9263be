import { expect } from 'chai';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { networkGuard } from '#lib/net/safety/NetworkGuard';
import type { HostResolver } from '#lib/net/safety/safeLookup';
import { preflight, type PreflightResult } from '#lib/stations/preflight/preflight';
import { TestStation } from '#support/TestStation';

/** A DNS stand-in: names → addresses, counting questions. */
function stubResolver(answers: Record<string, string[]>): HostResolver & { questions: string[] } {
	const questions: string[] = [];
	const resolver = (hostname: string) => {
		questions.push(hostname);
		return Promise.resolve(
			(answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }))
		);
	};
	return Object.assign(resolver, { questions });
}

describe('URL safety: the SSRF matrix (custom stations)', () => {
	let station: TestStation;
	let port: number;
	const strict: AddressPolicy = { allowPrivateAddresses: false };
	// The test station listens on 127.0.0.1, itself a loopback address: the tests of redirects and playlists reach it as
	// radio.example through an exemption of exactly 127.0.0.1, while every other loopback address (127.0.0.2, ::1, …) stays blocked.
	const exemptLocalStation: AddressPolicy = { allowPrivateAddresses: false, exemptAddresses: ['127.0.0.1'] };
	let resolver: ReturnType<typeof stubResolver>;

	const check = (url: string, policy = exemptLocalStation): Promise<PreflightResult> =>
		preflight(url, { ...networkGuard(policy, resolver), refuseEncryptedHls: true, timeoutMs: 5_000 });

	before(async () => {
		station = await TestStation.start();
		port = station.port;
		const at = (host: string, path: string) => `http://${host}:${port}${path}`;
		station.serve('/to-loopback', { contentType: 'text/plain', status: 302, headers: { location: at('127.0.0.2', '/sine.mp3') }, body: '' });
		station.serve('/to-internal-name', {
			contentType: 'text/plain',
			status: 302,
			headers: { location: at('internal.example', '/sine.mp3') },
			body: ''
		});
		station.serve('/loopback.pls', {
			contentType: 'audio/x-scpls',
			body: `[playlist]\nFile1=${at('127.0.0.2', '/sine.mp3')}\nNumberOfEntries=1\n`
		});
		station.serve('/private.m3u', {
			contentType: 'audio/x-mpegurl',
			body: `http://10.0.0.8:${port}/a.mp3\nhttp://internal.example:${port}/b.mp3\n`
		});
		station.serve('/metadata.m3u', { contentType: 'audio/x-mpegurl', body: `http://169.254.169.254:${port}/latest/meta-data/\n` });
		station.serve('/live.m3u8', {
			contentType: 'application/vnd.apple.mpegurl',
			body: '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg1.ts\n'
		});
		// Two MPEG-TS sync bytes 188 bytes apart: enough for the preflight's look at a segment.
		const transportStream = Buffer.alloc(376);
		transportStream[0] = 0x47;
		transportStream[188] = 0x47;
		station.serve('/seg1.ts', { contentType: 'video/mp2t', body: transportStream });
		station.serve('/blocked-segment.m3u8', {
			contentType: 'application/vnd.apple.mpegurl',
			body: `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${at('127.0.0.2', '/seg1.ts')}\n`
		});
	});
	beforeEach(() => {
		resolver = stubResolver({
			'radio.example': ['127.0.0.1'],
			'internal.example': ['10.0.0.7'],
			'loopback.example': ['::1'],
			'mixed.example': ['93.184.215.14', '192.168.0.10'],
			'public.example': ['93.184.215.14']
		});
	});
	after(() => station.stop());

	const refusedAddresses: [string, string, string][] = [
		['loopback', 'http://127.0.0.1:8000/', 'loopback'],
		['10/8', 'http://10.1.2.3/stream', 'private'],
		['172.16/12', 'http://172.20.0.5:8080/stream', 'private'],
		['192.168/16', 'http://192.168.1.1/', 'private'],
		['cloud metadata', 'http://169.254.169.254/latest/meta-data/', 'link-local'],
		['IPv6 loopback', 'http://[::1]:8000/', 'loopback'],
		['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/', 'loopback'],
		['unspecified', 'http://0.0.0.0:8000/', 'unspecified'],
		['decimal IPv4', 'http://2130706433/', 'loopback'],
		['octal IPv4', 'http://0177.0.0.1/', 'loopback'],
		['hex IPv4', 'http://0x7f.1/', 'loopback'],
		['CGNAT', 'http://100.64.1.1/', 'cgnat'],
		['multicast', 'http://224.0.0.1/', 'multicast'],
		['IPv6 unique-local', 'http://[fd00::1]/', 'unique-local'],
		['IPv6 link-local', 'http://[fe80::1]/', 'link-local'],
		['NAT64 of the metadata service', 'http://[64:ff9b::a9fe:a9fe]/', 'link-local'],
		['6to4 of loopback', 'http://[2002:7f00:1::1]/', 'loopback'],
		['a name that resolves to loopback', 'http://loopback.example/', 'loopback'],
		['a name with one private address among public ones', 'http://mixed.example/', 'private']
	];
	for (const [what, url, range] of refusedAddresses) {
		it(`GIVEN ${what} (${url}) WHEN checked THEN it is refused as a ${range} address`, async () => {
			const result = await check(url, strict);
			expect(result).to.include({ ok: false, reason: 'unsafe-url' });
			expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range });
		});
	}

	it('GIVEN a redirect to a loopback address WHEN checked THEN the redirect is refused and never followed', async () => {
		const result = await check(`http://radio.example:${port}/to-loopback`);
		expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range: 'loopback', address: '127.0.0.2' });
		expect(station.requests('/sine.mp3')).to.have.length(0);
	});

	it('GIVEN a redirect to a name that resolves to a private address WHEN checked THEN it is refused', async () => {
		const result = await check(`http://radio.example:${port}/to-internal-name`);
		expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range: 'private', address: '10.0.0.7' });
		expect(resolver.questions).to.deep.equal(['radio.example', 'internal.example']);
	});

	it('GIVEN a playlist whose entry points at loopback WHEN checked THEN the entry is refused', async () => {
		const result = await check(`http://radio.example:${port}/loopback.pls`);
		expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range: 'loopback', address: '127.0.0.2' });
	});

	it('GIVEN a playlist whose entries all point at private addresses WHEN checked THEN it is refused with the first address', async () => {
		const result = await check(`http://radio.example:${port}/private.m3u`);
		expect(result).to.include({ ok: false, reason: 'unsafe-url' });
		expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range: 'private', address: '10.0.0.8' });
		expect(result.ok ? [] : result.failures.map((failure) => failure.reason)).to.deep.equal(['unsafe-url', 'unsafe-url']);
	});

	it('GIVEN an M3U entry pointing at the metadata service WHEN checked THEN the entry is refused', async () => {
		const result = await check(`http://radio.example:${port}/metadata.m3u`);
		expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range: 'link-local' });
	});

	it('GIVEN an HLS playlist whose segment is on an allowed address WHEN checked THEN it plays (the bot reads HLS itself, checked)', async () => {
		const result = await check(`http://radio.example:${port}/live.m3u8`);
		expect(result).to.include({ ok: true });
		expect(result.ok && result.stream.kind).to.equal('hls');
		expect(station.requests('/seg1.ts')).to.have.length.at.least(1);
	});

	it('GIVEN an HLS playlist whose segment points at loopback WHEN checked THEN the segment is refused', async () => {
		const result = await check(`http://radio.example:${port}/blocked-segment.m3u8`);
		expect(result).to.include({ ok: false, reason: 'unsafe-url' });
		expect(result.ok ? null : result.refusal).to.include({ code: 'blocked-address', range: 'loopback', address: '127.0.0.2' });
	});

	const refusedUrls: [string, string, string][] = [
		['a user name and password', 'http://admin:secret@radio.example/', 'userinfo'],
		['port 22', 'http://public.example:22/', 'port'],
		['the Redis port', 'http://public.example:6379/', 'port'],
		['port 0', 'http://public.example:0/', 'port'],
		['more than 2048 characters', `http://public.example/${'a'.repeat(2048)}`, 'too-long'],
		['a name without addresses', 'http://nowhere.example/', 'no-address']
	];
	for (const [what, url, code] of refusedUrls) {
		it(`GIVEN a URL with ${what} WHEN checked THEN it is refused (${code})`, async () => {
			const result = await check(url, strict);
			expect(result.ok ? null : result.refusal?.code).to.equal(code);
		});
	}

	it('GIVEN another scheme (ftp://) WHEN checked THEN it is refused as a bad URL before any request', async () => {
		expect(await check('ftp://radio.example/stream', strict)).to.include({ ok: false, reason: 'bad-url' });
		expect(resolver.questions).to.deep.equal([]);
	});

	it('GIVEN the local station reached through an allowed name WHEN checked THEN it plays (the setup above refuses only what it should)', async () => {
		const result = await check(`http://radio.example:${port}/sine.mp3`);
		expect(result).to.include({ ok: true });
	});
});
