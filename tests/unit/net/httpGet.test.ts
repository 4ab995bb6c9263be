import { expect } from 'chai';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { HttpError } from '#lib/net/HttpError';
import { httpGet } from '#lib/net/httpGet';
import { readChunks } from '#lib/net/readChunks';
import { readLimited } from '#lib/net/readLimited';
import { RequestBudget } from '#lib/net/RequestBudget';
import { httpError } from '#support/httpError';
import { RouteServer } from '#support/streamFixtures';

describe('httpGet and readLimited', () => {
	let server: RouteServer;
	before(async () => {
		server = await RouteServer.start();
		server
			.route('/hello', (request, response) =>
				response.writeHead(200, { 'content-type': 'text/plain', 'x-ua': request.headers['user-agent'] ?? '' }).end('hello world')
			)
			.route('/relative', (_request, response) => response.writeHead(307, { location: 'sub/../hello?x=1' }).end())
			.route('/self', (_request, response) => response.writeHead(302, { location: '/self' }).end())
			.route('/gone', (_request, response) => response.writeHead(410, 'Gone').end())
			.route('/two-parts', (_request, response) => {
				response.writeHead(200, { 'content-type': 'application/octet-stream' });
				response.write(Buffer.alloc(5, 1));
				setTimeout(() => response.write(Buffer.alloc(5, 2)), 200);
			})
			.route('/trickle', (_request, response) => {
				response.writeHead(200, { 'content-type': 'application/octet-stream' });
				response.write(Buffer.alloc(10, 1));
			});
	});
	after(() => server.stop());

	it('GIVEN a relative redirect WHEN fetching THEN it is followed and reported with the final URL', async () => {
		const response = await httpGet(server.url('/relative'), { headers: { 'user-agent': 'T/1' } });
		const body = await readLimited(response.body, 100, 1000);
		expect([response.status, response.url, response.redirects, response.headers['x-ua']]).to.deep.equal([
			200,
			server.url('/hello?x=1'),
			[server.url('/relative')],
			'T/1'
		]);
		expect([body.data.toString(), body.complete]).to.deep.equal(['hello world', true]);
	});

	it('GIVEN a redirect loop WHEN fetching with maxRedirects 2 THEN it fails with too-many-redirects', async () => {
		expect((await httpError(httpGet(server.url('/self'), { maxRedirects: 2 }))).reason).to.equal('too-many-redirects');
	});

	it('GIVEN a 410 WHEN fetching THEN it fails with http-status carrying the status', async () => {
		const error = await httpError(httpGet(server.url('/gone')));
		expect([error.reason, error.status, error.message]).to.deep.equal(['http-status', 410, 'The server answered 410 Gone.']);
	});

	it('GIVEN checkUrl WHEN fetching through a redirect THEN every hop is checked and a refusal stops the request', async () => {
		const seen: string[] = [];
		await httpGet(server.url('/relative'), { checkUrl: (url) => void seen.push(url.pathname) }).then((response) => response.close());
		expect(seen).to.deep.equal(['/relative', '/hello']);
		const refuse = (url: URL) => {
			if (url.pathname === '/hello') throw new HttpError('bad-url', 'not allowed', url.href);
		};
		expect((await httpError(httpGet(server.url('/relative'), { checkUrl: refuse }))).message).to.equal('not allowed');
	});

	it('GIVEN a lookup function WHEN fetching a made-up host name THEN the connection goes where lookup says', async () => {
		const asked: string[] = [];
		const lookup = ((hostname: string, options: object, callback: Parameters<LookupFunction>[2]) => {
			asked.push(hostname);
			dnsLookup('127.0.0.1', options, callback);
		}) as LookupFunction;
		const response = await httpGet(server.url('/hello').replace('127.0.0.1', 'radio.invalid'), { lookup });
		response.close();
		expect([response.status, asked]).to.deep.equal([200, ['radio.invalid']]);
	});

	it('GIVEN a body that stops early WHEN reading more than arrives THEN readLimited times out, and a smaller read returns the prefix', async () => {
		const response = await httpGet(server.url('/trickle'));
		try {
			const prefix = await readLimited(response.body, 4, 1000);
			expect([prefix.data.length, prefix.complete]).to.deep.equal([4, false]);
			// The 6 bytes beyond the first read are still there for the next one.
			expect((await httpError(readLimited(response.body, 7, 300))).reason).to.equal('timeout');
		} finally {
			response.close();
		}
	});

	it('GIVEN a prefix read WHEN reading again THEN it continues exactly where the first stopped', async () => {
		const response = await httpGet(server.url('/hello'));
		const first = await readLimited(response.body, 5, 1000);
		const rest = await readLimited(response.body, 100, 1000);
		expect([first.data.toString(), rest.data.toString(), rest.complete]).to.deep.equal(['hello', ' world', true]);
	});

	it('GIVEN a budget of 2 requests WHEN fetching through 2 redirects THEN the third hop is refused with too-many-requests before it connects', async () => {
		const before = server.requests;
		const budget = new RequestBudget(2);
		const error = await httpError(httpGet(server.url('/self'), { budget, maxRedirects: 10 }));
		expect([error.reason, budget.spent, server.requests - before]).to.deep.equal(['too-many-requests', 2, 2]);
	});

	it('GIVEN the caller aborts while checkUrl is still checking WHEN fetching THEN the request never starts', async () => {
		const before = server.requests;
		const abort = new AbortController();
		const checkUrl = async () => {
			abort.abort(new Error('gave up'));
			await new Promise((resolve) => setTimeout(resolve, 10));
		};
		const error = await httpGet(server.url('/hello'), { signal: abort.signal, checkUrl }).catch((caught: unknown) => caught);
		expect([(error as Error).message, server.requests - before]).to.deep.equal(['gave up', 0]);
	});

	it('GIVEN a body read chunk by chunk WHEN the consumer pauses longer than the timeout THEN the pause does not count, but a server that stalls times out', async () => {
		const response = await httpGet(server.url('/two-parts'));
		const chunks = readChunks(response.body, 300);
		try {
			const first = await chunks.next();
			// Longer than the timeout; the second part arrives meanwhile (200 ms after the first), then nothing more.
			await new Promise((resolve) => setTimeout(resolve, 500));
			const second = await chunks.next();
			const error = await chunks.next().catch((caught: unknown) => caught);
			expect([first.value, second.value, (error as HttpError).reason]).to.deep.equal([Buffer.alloc(5, 1), Buffer.alloc(5, 2), 'timeout']);
		} finally {
			response.close();
		}
	});
});
