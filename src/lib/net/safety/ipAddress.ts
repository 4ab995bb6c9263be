import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 bits for IPv6. */
export interface ParsedAddress {
	readonly family: 4 | 6;
	readonly value: bigint;
}

/** Parses a textual IPv4 or IPv6 address (brackets and an IPv6 zone are ignored); null for anything else. */
export function parseAddress(text: string): ParsedAddress | null {
	const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
	if (isIPv4(address)) return { family: 4, value: ipv4Value(address) };
	if (isIPv6(address)) return { family: 6, value: ipv6Value(address) };
	return null;
}

function ipv4Value(address: string): bigint {
	return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(address: string): bigint {
	let text = address.toLowerCase();
	// A trailing dotted IPv4 part (::ffff:1.2.3.4) is two 16-bit groups.
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted) {
		const v4 = ipv4Value(dotted[1]!);
		text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const missing = 8 - headGroups.length - tailGroups.length;
	const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
	return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/** Dotted form of a 32-bit value. */
export function formatIPv4(value: bigint): string {
	return [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn)).join('.');
}
