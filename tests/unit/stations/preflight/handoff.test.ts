import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import { readLimited } from '#lib/net/readLimited';
import { StationStreams } from '#lib/stations/StationStreams';
import { preflight } from '#lib/stations/preflight/preflight';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { sniffAudio } from '#lib/stations/resolve/sniffAudio';
import { TestStation } from '#support/TestStation';
import { deadUrl } from '#support/streamFixtures';

describe('preflight hands its checked connection on (one connection from /radio play to the pipeline)', () => {
	let station: TestStation;
	let trusted: Station;

	before(async () => {
		station = await TestStation.start({ mounts: { '/one.mp3': { frequency: 440, metaint: 4_000 }, '/two.mp3': { frequency: 550 } } });
		trusted = { id: 'one', name: 'One', url: station.url('/one.mp3'), aliases: [], bitrate: 128, format: 'MP3', description: '' };
	});
	after(() => station.stop());

	const streams = () => new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), { timeoutMs: 5_000, userAgent: 'test' });

	it('GIVEN a station not yet resolved WHEN preflighted THEN one request resolves and checks it, and its connection comes back open from the first byte, with ICY metadata', async () => {
		const before = station.requests('/one.mp3').length;
		const result = await streams().preflight(trusted);
		if (!result.ok) expect.fail(result.message);
		const connection = result.connection!;
		try {
			expect(station.requests('/one.mp3').length - before, 'requests').to.equal(1);
			expect(station.requests('/one.mp3').at(-1)!.headers['icy-metadata']).to.equal('1');
			expect(connection.headers['icy-metaint']).to.equal('4000');
			// The bytes the resolver and the check read were pushed back: a reader starts at the stream's first byte.
			const head = await readLimited(connection.body, 4_000, 5_000);
			expect(sniffAudio(head.data)).to.equal('mp3');
			expect(station.listeners('/one.mp3')).to.equal(1);
		} finally {
			connection.close();
		}
	});

	it('GIVEN a station already resolved (cached) WHEN preflighted again THEN its check opens the one connection that comes back', async () => {
		const shared = streams();
		const first = await shared.preflight(trusted);
		if (first.ok) first.connection?.close();
		const before = station.requests('/one.mp3').length;
		const again = await shared.preflight(trusted);
		if (!again.ok) expect.fail(again.message);
		again.connection?.close();
		expect(station.requests('/one.mp3').length - before).to.equal(1);
		expect(again.connection).to.not.equal(undefined);
	});

	it('GIVEN a preflight without keepConnection WHEN done THEN its connection is closed, and a failed one returns none', async () => {
		const plain = await preflight(station.url('/two.mp3'), { timeoutMs: 5_000 });
		expect(plain.ok && plain.connection).to.equal(undefined);
		const failed = await preflight(await deadUrl(), { timeoutMs: 5_000, keepConnection: true });
		expect(failed.ok).to.equal(false);
		// The mount's only listener went away with the closed check connection.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(station.listeners('/two.mp3')).to.equal(0);
	});
});
