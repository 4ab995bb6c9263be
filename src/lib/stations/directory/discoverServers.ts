import { lookup, reverse } from 'node:dns/promises';

/** The two DNS questions server discovery asks; injectable for tests. */
export interface DiscoveryDns {
	/** Every address of a host name. */
	addresses(hostname: string): Promise<readonly string[]>;
	/** The names of an address (reverse DNS). */
	names(address: string): Promise<readonly string[]>;
}

export const systemDiscoveryDns: DiscoveryDns = {
	addresses: async (hostname) => (await lookup(hostname, { all: true })).map((entry) => entry.address),
	names: (address) => reverse(address)
};

const HostName = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * radio-browser.info's documented discovery: the addresses of `host` (all.api.radio-browser.info) are the API servers,
 * and reverse DNS names them (de1.api.radio-browser.info…), which HTTPS needs. Names outside `host`'s own domain are
 * ignored (DNS answers are not ours to trust), and when no name is left the round-robin host itself is used. Returns
 * https base URLs, shuffled: the documentation asks clients to spread over the servers and try the next one on failure.
 */
export async function discoverServers(host: string, dns: DiscoveryDns = systemDiscoveryDns, random: () => number = Math.random): Promise<string[]> {
	const domain = host.toLowerCase().split('.').slice(1).join('.');
	const addresses = await dns.addresses(host).catch(() => [] as readonly string[]);
	const names = new Set<string>();
	for (const address of addresses.slice(0, 16)) {
		for (const name of await dns.names(address).catch(() => [] as readonly string[])) {
			const lower = name.toLowerCase().replace(/\.$/, '');
			if (HostName.test(lower) && domain !== '' && lower.endsWith(`.${domain}`)) names.add(lower);
		}
	}
	const servers = names.size ? [...names].map((name) => `https://${name}`) : [`https://${host.toLowerCase()}`];
	return shuffle(servers, random);
}

function shuffle<T>(items: T[], random: () => number): T[] {
	for (let index = items.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[items[index], items[other]] = [items[other]!, items[index]!];
	}
	return items;
}
