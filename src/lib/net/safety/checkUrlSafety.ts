import { isIP } from 'node:net';
import type { BlockedAddress } from '#lib/net/safety/addressRanges';
import { MaxUrlLength, type AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { checkAddress } from '#lib/net/safety/checkAddress';
import { isAllowedPort } from '#lib/net/safety/ports';
import { UrlSafetyError } from '#lib/net/safety/UrlSafetyError';

/**
 * Checks what can be checked without DNS: http(s) only, no user name or password, at most 2048 characters, an allowed
 * port, and, when the host is an IP address, that address. Throws UrlSafetyError. Host names are checked when they
 * are resolved (safeLookup). WHATWG parsing has already turned decimal, octal and hex IPv4 forms (2130706433,
 * 0177.0.0.1, 0x7f.1) into dotted ones, so they are caught here as the addresses they are.
 */
export function checkUrlSafety(url: URL, policy: AddressPolicy): void {
	const facts = { url: url.href, host: url.hostname };
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new UrlSafetyError({ code: 'scheme', ...facts }, `Only http and https URLs are allowed, not ${url.protocol.slice(0, -1)}.`);
	}
	if (url.username !== '' || url.password !== '') {
		throw new UrlSafetyError({ code: 'userinfo', ...facts }, 'URLs with a user name or password are not allowed.');
	}
	if (url.href.length > MaxUrlLength) {
		throw new UrlSafetyError({ code: 'too-long', ...facts }, `The URL is longer than ${MaxUrlLength} characters.`);
	}
	if (url.port !== '' && !isAllowedPort(Number(url.port))) {
		const port = Number(url.port);
		throw new UrlSafetyError({ code: 'port', ...facts, port }, `Port ${port} is not allowed.`);
	}
	const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
	if (isIP(literal)) {
		const blocked = checkAddress(literal, policy);
		if (blocked) throw blockedAddressError(url.href, url.hostname, blocked);
	}
}

/** Parses user input as a URL and checks it (see checkUrlSafety). */
export function parseSafeUrl(input: string, policy: AddressPolicy): URL {
	const text = input.trim();
	if (text.length > MaxUrlLength) {
		throw new UrlSafetyError({ code: 'too-long', url: text.slice(0, 100) }, `The URL is longer than ${MaxUrlLength} characters.`);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UrlSafetyError({ code: 'invalid', url: text }, `"${text}" is not a valid URL.`);
	}
	checkUrlSafety(url, policy);
	return url;
}

export function blockedAddressError(url: string, host: string, blocked: BlockedAddress): UrlSafetyError {
	const carried = blocked.embedded ? ` (carrying ${blocked.embedded})` : '';
	return new UrlSafetyError(
		{ code: 'blocked-address', url, host, address: blocked.address, range: blocked.range, embedded: blocked.embedded },
		`${host} leads to ${blocked.address}${carried}, a ${blocked.range} address: refused.`
	);
}
