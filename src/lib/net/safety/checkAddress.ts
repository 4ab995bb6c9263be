import { classifyAddress, type BlockedAddress } from '#lib/net/safety/addressRanges';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { parseAddress } from '#lib/net/safety/ipAddress';

/** The reason `address` may not be connected to under `policy`, or null when it may. */
export function checkAddress(address: string, policy: AddressPolicy): BlockedAddress | null {
	if (policy.allowPrivateAddresses) return null;
	const verdict = classifyAddress(address);
	if (verdict && policy.exemptAddresses?.some((exempt) => sameAddress(exempt, address))) return null;
	return verdict;
}

function sameAddress(a: string, b: string): boolean {
	const left = parseAddress(a);
	const right = parseAddress(b);
	return left !== null && right !== null && left.family === right.family && left.value === right.value;
}
