import type { TFunction } from '@sapphire/plugin-i18next';
import { Stream, UrlSafety } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { MaxUrlLength } from '#lib/net/safety/AddressPolicy';
import type { UrlRefusal } from '#lib/net/safety/UrlSafetyError';
import type { StreamResolveReason } from '#lib/stations/resolve/StreamResolveError';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

/** "radio.example leads to 10.0.0.7, a private network address, and I don't connect to those", in the user's language. */
export function describeRefusal(t: TFunction, refusal: UrlRefusal): string {
	const address = refusal.embedded ? `${refusal.address} (${refusal.embedded})` : (refusal.address ?? '');
	return translate(t, UrlSafety.refusalKey(refusal.code), {
		host: markdownText(refusal.host ?? refusal.url, QuotedTextLength),
		address,
		range: refusal.range ? translate(t, UrlSafety.rangeKey(refusal.range)) : '',
		port: refusal.port ?? 0,
		max: MaxUrlLength
	});
}

/** The most specific words for a stream failure: the refusal when the safety checks said no, else the reason. */
export function describeStreamFailure(t: TFunction, reason: StreamResolveReason, refusal?: UrlRefusal): string {
	return refusal ? describeRefusal(t, refusal) : translate(t, Stream.reasonKey(reason));
}
