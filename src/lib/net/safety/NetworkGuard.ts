import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { checkUrlSafety } from '#lib/net/safety/checkUrlSafety';
import { safeLookup, systemResolver, type HostResolver } from '#lib/net/safety/safeLookup';

/** The two hooks httpGet applies on every hop (first request, each redirect, each playlist entry). */
export interface NetworkGuard {
	readonly lookup: LookupFunction;
	readonly checkUrl: (url: URL) => void;
}

/** URL checks plus checked, pinned name resolution for one policy. */
export function networkGuard(policy: AddressPolicy, resolver: HostResolver = systemResolver): NetworkGuard {
	return { lookup: safeLookup(policy, resolver), checkUrl: (url) => checkUrlSafety(url, policy) };
}
