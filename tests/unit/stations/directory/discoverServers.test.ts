import { expect } from 'chai';
import { discoverServers, type DiscoveryDns } from '#lib/stations/directory/discoverServers';

describe('discoverServers', () => {
	const dns = (names: Record<string, string[]>): DiscoveryDns => ({
		addresses: (host) => Promise.resolve(host === 'all.api.radio-browser.info' ? Object.keys(names) : []),
		names: (address) => (names[address] ? Promise.resolve(names[address]) : Promise.reject(new Error('ENOTFOUND')))
	});

	it('GIVEN the addresses of all.api.radio-browser.info WHEN their names are looked up THEN the servers are those names over https, shuffled', async () => {
		const servers = await discoverServers(
			'all.api.radio-browser.info',
			dns({ '1.2.3.4': ['de1.api.radio-browser.info'], '5.6.7.8': ['fi1.api.radio-browser.info.'], '9.9.9.9': [] }),
			() => 0
		);
		expect(servers).to.have.members(['https://de1.api.radio-browser.info', 'https://fi1.api.radio-browser.info']);
		expect(servers[0]).to.equal('https://fi1.api.radio-browser.info');
	});

	it('GIVEN reverse DNS that names hosts outside the directory or not host names at all WHEN discovering THEN those are ignored', async () => {
		const servers = await discoverServers(
			'all.api.radio-browser.info',
			dns({
				'1.2.3.4': ['evil.example.com', 'api.radio-browser.info.evil.example'],
				'5.6.7.8': ['nl1.api.radio-browser.info', 'x/../y.api.radio-browser.info', `${'a'.repeat(70)}.api.radio-browser.info`]
			})
		);
		expect(servers).to.deep.equal(['https://nl1.api.radio-browser.info']);
	});

	it('GIVEN no usable name (or no address) WHEN discovering THEN the round-robin host itself is the server', async () => {
		expect(await discoverServers('all.api.radio-browser.info', dns({ '1.2.3.4': ['evil.example.com'] }))).to.deep.equal([
			'https://all.api.radio-browser.info'
		]);
		expect(await discoverServers('all.api.radio-browser.info', dns({}))).to.deep.equal(['https://all.api.radio-browser.info']);
	});
});
