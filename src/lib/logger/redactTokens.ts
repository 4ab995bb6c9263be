/** An interaction's or webhook's token in a Discord API URL: whoever holds it can post as the bot for 15 minutes. */
const TokenInPath = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"]+/g;

/** `text` with every interaction and webhook token in it replaced by `:token`. */
export function redactTokens(text: string): string {
	return text.replace(TokenInPath, '$1:token');
}

/** A serialized error (pino's `err`) without tokens: discord.js puts the request URL, token included, on its REST errors. */
export function redactErrorTokens<T>(serialized: T): T {
	if (typeof serialized !== 'object' || serialized === null) return serialized;
	const fields = serialized as Record<string, unknown>;
	for (const key of ['url', 'message', 'stack']) if (typeof fields[key] === 'string') fields[key] = redactTokens(fields[key]);
	return serialized;
}
