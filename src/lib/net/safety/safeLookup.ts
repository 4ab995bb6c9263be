import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { checkAddress } from '#lib/net/safety/checkAddress';
import { blockedAddressError } from '#lib/net/safety/checkUrlSafety';
import { UrlSafetyError } from '#lib/net/safety/UrlSafetyError';

export interface ResolvedAddress {
	readonly address: string;
	readonly family: 4 | 6;
}

/** Every address a host name resolves to. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), all addresses. */
export const systemResolver: HostResolver = async (hostname) =>
	(await dnsLookup(hostname, { all: true, order: 'verbatim' })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/**
 * A `lookup` for node:http(s) that resolves the host once, refuses the connection (with a UrlSafetyError) when ANY of
 * its addresses is blocked, and hands node exactly the addresses it checked: the socket connects to a checked address
 * and nothing is resolved again between check and connect, so a DNS answer that changes (rebinding) cannot slip through.
 */
export function safeLookup(policy: AddressPolicy, resolver: HostResolver = systemResolver): LookupFunction {
	return (hostname, options, callback) => {
		checkedAddresses(hostname, policy, resolver).then(
			(addresses) => {
				const wanted =
					options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
				if (wanted.length === 0) {
					callback(noAddressError(hostname), '', 0);
				} else if (options.all) {
					callback(
						null,
						wanted.map(({ address, family }) => ({ address, family }))
					);
				} else {
					callback(null, wanted[0]!.address, wanted[0]!.family);
				}
			},
			(error: NodeJS.ErrnoException) => callback(error, '', 0)
		);
	};
}

async function checkedAddresses(hostname: string, policy: AddressPolicy, resolver: HostResolver): Promise<readonly ResolvedAddress[]> {
	const literal = hostname.replace(/^\[(.*)\]$/, '$1');
	const family = isIP(literal);
	const addresses = family ? [{ address: literal, family: family as 4 | 6 }] : await resolver(hostname);
	if (addresses.length === 0) throw noAddressError(hostname);
	for (const { address } of addresses) {
		const blocked = checkAddress(address, policy);
		if (blocked) throw blockedAddressError(`//${hostname}`, hostname, blocked);
	}
	return addresses;
}

function noAddressError(hostname: string): UrlSafetyError {
	return new UrlSafetyError({ code: 'no-address', url: `//${hostname}`, host: hostname }, `${hostname} has no address to connect to.`);
}
