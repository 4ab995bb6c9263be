import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveDefaults, resolveStream } from '#lib/stations/resolve/resolveStream';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import type { ResolveOptions } from '#lib/stations/resolve/types';
import { HostileServer } from '#support/HostileServer';
import { waitFor } from '#support/waitFor';

async function resolveError(url: string, options?: ResolveOptions): Promise<StreamResolveError> {
	const error = await resolveStream(url, options).then(
		(stream) => new Error(`expected a StreamResolveError, got ${JSON.stringify(stream)}`),
		(caught: unknown) => caught
	);
	expect(error).to.be.instanceOf(StreamResolveError);
	return error as StreamResolveError;
}

/** How long the tests watch for requests that should no longer come. */
const quietMs = 1_000;

describe('resolveStream: one station URL costs a bounded number of requests', () => {
	let server: HostileServer;
	beforeEach(async () => {
		server = await HostileServer.start();
	});
	afterEach(() => server.stop());

	it('GIVEN playlists that list 50 playlists each, without end WHEN resolving THEN it fails with too-many-requests after the default budget of 20 requests', async () => {
		const error = await resolveError(server.url('/fan/a.m3u'));
		expect([error.reason, server.requests]).to.deep.equal(['too-many-requests', resolveDefaults.maxRequests]);
		await sleep(quietMs);
		expect(server.requests).to.equal(resolveDefaults.maxRequests);
	});

	it('GIVEN such playlists whose every entry redirects 5 times WHEN resolving THEN redirect hops count too: still 20 requests', async () => {
		const error = await resolveError(server.url('/fanhop/a.m3u'));
		expect(error.reason).to.equal('too-many-requests');
		expect(server.requested.filter((path) => path.startsWith('/hop/'))).to.have.length.greaterThan(0);
		expect(server.requests).to.equal(resolveDefaults.maxRequests);
	});

	it('GIVEN HLS master playlists with 50 variants that are master playlists again WHEN resolving with a budget of 7 THEN 7 requests are made', async () => {
		const error = await resolveError(server.url('/hls/a.m3u8'), { maxRequests: 7 });
		expect([error.reason, server.requests]).to.deep.equal(['too-many-requests', 7]);
	});

	it('GIVEN a playlist whose entries never answer WHEN the total deadline passes THEN it fails with timeout, the request in flight is dropped and no further entry is tried', async () => {
		const error = await resolveError(server.url('/hanglist.m3u'), { timeoutMs: 10_000, totalTimeoutMs: 400 });
		expect(error.reason).to.equal('timeout');
		expect(error.message).to.contain('400 ms');
		await waitFor(() => server.openConnections === 0, 'the hanging connection to be closed');
		const { requests } = server;
		await sleep(quietMs);
		expect([requests, server.requests]).to.deep.equal([2, 2]);
	});

	it('GIVEN a playlist whose entries never answer WHEN the caller aborts during the first entry THEN the abort is thrown, that request is dropped and no further request starts', async () => {
		const abort = new AbortController();
		const resolution = resolveStream(server.url('/hanglist.m3u'), { timeoutMs: 1_500, signal: abort.signal }).catch((error: unknown) => error);
		await waitFor(() => server.requested.includes('/hang/0.mp3'), 'the first entry to be requested', 5_000, 10);
		abort.abort(new Error('the caller gave up'));
		expect(await resolution).to.have.property('message', 'the caller gave up');
		await waitFor(() => server.openConnections === 0, 'the hanging connection to be closed');
		// Entries time out after 1.5 s each: had the resolution gone on, the next one would be requested meanwhile.
		await sleep(2_000);
		expect(server.requested).to.deep.equal(['/hanglist.m3u', '/hang/0.mp3']);
	});
});
