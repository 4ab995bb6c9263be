import { expect } from 'chai';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { httpGet } from '#lib/net/httpGet';
import { HttpError } from '#lib/net/HttpError';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { networkGuard } from '#lib/net/safety/NetworkGuard';
import { safeLookup, type HostResolver } from '#lib/net/safety/safeLookup';
import { findUrlRefusal } from '#lib/net/safety/UrlSafetyError';

/** Answers each question with the next address of `sequence` (the last one repeats). */
function changingResolver(sequence: string[]): HostResolver & { calls: number } {
	const resolver = Object.assign(
		() => {
			const address = sequence[Math.min(resolver.calls, sequence.length - 1)]!;
			resolver.calls++;
			return Promise.resolve([{ address, family: 4 as const }]);
		},
		{ calls: 0 }
	);
	return resolver;
}

function lookupOnce(lookup: ReturnType<typeof safeLookup>, hostname: string, all: boolean): Promise<string | LookupAddress[]> {
	return new Promise((resolve, reject) => lookup(hostname, { all }, (error, address) => (error ? reject(error) : resolve(address))));
}

describe('URL safety: safeLookup (checked, pinned name resolution)', () => {
	const strict: AddressPolicy = { allowPrivateAddresses: false };

	it('GIVEN a public answer WHEN looked up THEN exactly that address is handed to node, for single and all-address lookups', async () => {
		const resolver = changingResolver(['93.184.215.14']);
		const lookup = safeLookup(strict, resolver);
		expect(await lookupOnce(lookup, 'radio.example', false)).to.equal('93.184.215.14');
		expect(await lookupOnce(lookup, 'radio.example', true)).to.deep.equal([{ address: '93.184.215.14', family: 4 }]);
	});

	it('GIVEN a public answer WHEN node:http connects with it THEN the socket goes to exactly the checked address', async () => {
		const lookup = safeLookup(strict, changingResolver(['93.184.215.14']));
		const req = request('http://radio.example:8000/stream', { lookup, agent: false });
		req.on('error', () => undefined);
		// The sandbox has no route out: what matters is where node tries to connect, reported by the socket's 'lookup'.
		const address = await new Promise((resolve) => req.on('socket', (socket) => socket.once('lookup', (_error, looked) => resolve(looked))));
		req.destroy();
		expect(address).to.equal('93.184.215.14');
	});

	describe('with a local server standing in for a public one', () => {
		let server: Server;
		let port: number;
		let hosts: (string | undefined)[];
		// Only 127.0.0.1 is let through, standing in for "public"; 10.0.0.1 is the rebinding target.
		const policy: AddressPolicy = { allowPrivateAddresses: false, exemptAddresses: ['127.0.0.1'] };
		before(async () => {
			server = createServer((req, res) => {
				hosts.push(req.headers.host);
				res.end('ok');
			}).listen(0, '127.0.0.1');
			await once(server, 'listening');
			port = (server.address() as AddressInfo).port;
		});
		beforeEach(() => {
			hosts = [];
		});
		after(() => server.close());

		it('GIVEN DNS that answers an allowed address, then a private one WHEN fetched twice THEN the first connects to what was checked and the second is refused', async () => {
			const resolver = changingResolver(['127.0.0.1', '10.0.0.1']);
			const guard = networkGuard(policy, resolver);
			const response = await httpGet(`http://radio.example:${port}/`, guard);
			response.close();
			expect(hosts).to.deep.equal([`radio.example:${port}`]);
			expect(resolver.calls).to.equal(1);

			const error = await httpGet(`http://radio.example:${port}/`, guard).catch((caught: unknown) => caught);
			expect(error).to.be.instanceOf(HttpError);
			expect(findUrlRefusal(error)).to.include({ code: 'blocked-address', address: '10.0.0.1', range: 'private' });
			expect(resolver.calls).to.equal(2);
			expect(hosts).to.have.length(1);
		});

		it('GIVEN DNS that answers a private address, then an allowed one WHEN fetched THEN nothing is connected to', async () => {
			const resolver = changingResolver(['10.0.0.1', '127.0.0.1']);
			const error = await httpGet(`http://radio.example:${port}/`, networkGuard(policy, resolver)).catch((caught: unknown) => caught);
			expect(findUrlRefusal(error)).to.include({ code: 'blocked-address', address: '10.0.0.1' });
			expect(resolver.calls).to.equal(1);
			expect(hosts).to.deep.equal([]);
		});
	});
});
