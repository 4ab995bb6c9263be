import { formatIPv4, parseAddress, type ParsedAddress } from '#lib/net/safety/ipAddress';

/** Kinds of addresses a user-provided station must never reach; each has a localized name (stream:range-<kind>). */
export type BlockedRange =
	| 'unspecified'
	| 'loopback'
	| 'private'
	| 'link-local'
	| 'cgnat'
	| 'multicast'
	| 'broadcast'
	| 'reserved'
	| 'documentation'
	| 'benchmarking'
	| 'unique-local'
	| 'site-local'
	| 'nat64-local'
	| 'teredo';

export interface BlockedAddress {
	/** The address as checked. */
	readonly address: string;
	readonly range: BlockedRange;
	/** For IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4): the IPv4 address that was judged. */
	readonly embedded?: string;
}

interface Cidr {
	readonly base: bigint;
	readonly bits: number;
	readonly range: BlockedRange;
}

function cidr(text: string, range: BlockedRange): Cidr {
	const [address, bits] = text.split('/');
	return { base: parseAddress(address!)!.value, bits: Number(bits), range };
}

// Most specific first: the first match names the range.
const blockedIPv4: readonly Cidr[] = [
	cidr('255.255.255.255/32', 'broadcast'),
	cidr('0.0.0.0/8', 'unspecified'),
	cidr('10.0.0.0/8', 'private'),
	cidr('100.64.0.0/10', 'cgnat'),
	cidr('127.0.0.0/8', 'loopback'),
	// Includes 169.254.169.254, the cloud metadata service.
	cidr('169.254.0.0/16', 'link-local'),
	cidr('172.16.0.0/12', 'private'),
	cidr('192.0.0.0/24', 'reserved'),
	cidr('192.0.2.0/24', 'documentation'),
	cidr('192.88.99.0/24', 'reserved'),
	cidr('192.168.0.0/16', 'private'),
	cidr('198.18.0.0/15', 'benchmarking'),
	cidr('198.51.100.0/24', 'documentation'),
	cidr('203.0.113.0/24', 'documentation'),
	cidr('224.0.0.0/4', 'multicast'),
	cidr('240.0.0.0/4', 'reserved')
];

// Only global unicast (2000::/3) is reachable at all; these are its special parts, then everything outside it.
const blockedIPv6: readonly Cidr[] = [
	cidr('::/128', 'unspecified'),
	cidr('::1/128', 'loopback'),
	cidr('64:ff9b:1::/48', 'nat64-local'),
	cidr('2001::/32', 'teredo'),
	cidr('2001:db8::/32', 'documentation'),
	cidr('2001:2::/48', 'benchmarking'),
	cidr('2001::/23', 'reserved'),
	cidr('3fff::/20', 'documentation'),
	cidr('fc00::/7', 'unique-local'),
	cidr('fe80::/10', 'link-local'),
	cidr('fec0::/10', 'site-local'),
	cidr('ff00::/8', 'multicast')
];

const ipv4Mapped = cidr('::ffff:0:0/96', 'reserved');
const nat64 = cidr('64:ff9b::/96', 'reserved');
const sixToFour = cidr('2002::/16', 'reserved');
const globalUnicast = cidr('2000::/3', 'reserved');

/**
 * Why an address must not be connected to, or null when it is an ordinary public unicast address. IPv6 forms that
 * carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address.
 * Text that is not an IP address is refused as 'reserved' (a caller must resolve host names first).
 */
export function classifyAddress(text: string): BlockedAddress | null {
	const parsed = parseAddress(text);
	if (!parsed) return { address: text, range: 'reserved' };
	if (parsed.family === 4) return blockedBy(blockedIPv4, parsed.value, 32, text);

	const embedded = embeddedIPv4(parsed);
	if (embedded !== null) {
		const verdict = blockedBy(blockedIPv4, embedded, 32, text);
		return verdict && { ...verdict, embedded: formatIPv4(embedded) };
	}
	const special = blockedBy(blockedIPv6, parsed.value, 128, text);
	if (special) return special;
	return inCidr(globalUnicast, parsed.value, 128) ? null : { address: text, range: 'reserved' };
}

function embeddedIPv4({ value }: ParsedAddress): bigint | null {
	if (inCidr(ipv4Mapped, value, 128) || inCidr(nat64, value, 128)) return value & 0xffffffffn;
	// 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
	if (inCidr(sixToFour, value, 128)) return (value >> 80n) & 0xffffffffn;
	return null;
}

function blockedBy(table: readonly Cidr[], value: bigint, width: number, address: string): BlockedAddress | null {
	const match = table.find((entry) => inCidr(entry, value, width));
	return match ? { address, range: match.range } : null;
}

function inCidr({ base, bits }: Cidr, value: bigint, width: number): boolean {
	const shift = BigInt(width - bits);
	return value >> shift === base >> shift;
}
