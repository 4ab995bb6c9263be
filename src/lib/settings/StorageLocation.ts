/** Where the settings live, as an operator would name it in a message. */
export type StorageLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'redis'; readonly url: string };

/** The Redis URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.href;
	} catch {
		return '(an unparsable REDIS_URL)';
	}
}

export function describeLocation(location: StorageLocation): string {
	return location.kind === 'sqlite' ? `the settings database ${location.path}` : `the settings Redis at ${location.url}`;
}
