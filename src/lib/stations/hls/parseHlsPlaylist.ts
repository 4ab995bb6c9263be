/** Part of a resource, from #EXT-X-BYTERANGE or a BYTERANGE attribute. */
export interface ByteRange {
	readonly length: number;
	readonly offset: number;
}

export interface HlsVariant {
	readonly uri: string;
	/** bits/s; 0 when absent. */
	readonly bandwidth: number;
	/** Lowercase RFC 6381 codec strings, e.g. ['mp4a.40.2']; empty when absent. */
	readonly codecs: readonly string[];
	readonly audioGroup: string | undefined;
	readonly hasResolution: boolean;
}

export interface HlsAudioRendition {
	readonly groupId: string;
	readonly uri: string;
	readonly isDefault: boolean;
}

export interface LiveSegment {
	/** Media sequence number (RFC 8216 §6.3.2): identifies the segment across reloads of a live playlist. */
	readonly sequence: number;
	/** Absolute URL. */
	readonly url: string;
	/** Seconds, from #EXTINF. */
	readonly duration: number;
	readonly byteRange?: ByteRange;
	/** The fMP4 initialization section (#EXT-X-MAP) this segment needs, if any. */
	readonly init?: { readonly url: string; readonly byteRange?: ByteRange };
	/** METHOD of the #EXT-X-KEY in force for this segment; 'NONE' when clear. */
	readonly encryption: string;
	/** The song title some stations put in #EXTINF (`#EXTINF:10,Artist - Song`, or `title="…",artist="…"`). */
	readonly title?: string;
}

export interface MediaPlaylist {
	readonly type: 'media';
	/** Seconds (#EXT-X-TARGETDURATION); drives how often a live playlist is reloaded. */
	readonly targetDuration: number;
	readonly segments: readonly LiveSegment[];
	/** #EXT-X-ENDLIST: no segments will be added. */
	readonly ended: boolean;
}

export interface MasterPlaylist {
	readonly type: 'master';
	readonly variants: readonly HlsVariant[];
	readonly audioRenditions: readonly HlsAudioRendition[];
}

export type HlsPlaylist = MasterPlaylist | MediaPlaylist;

/**
 * The one HLS playlist parser (RFC 8216), as far as the bot needs one: a master playlist's variants and audio renditions
 * (URIs as written, for choosing one), or a media playlist's segments with sequence numbers, initialization sections,
 * keys and byte ranges, their URLs made absolute against `baseUrl`.
 */
export function parseHlsPlaylist(text: string, baseUrl: string): HlsPlaylist {
	const variants: HlsVariant[] = [];
	const audioRenditions: HlsAudioRendition[] = [];
	const segments: LiveSegment[] = [];
	let targetDuration = 0;
	let sequence = 0;
	let ended = false;
	let encryption = 'NONE';
	let init: LiveSegment['init'];
	let duration: number | undefined;
	let title: string | undefined;
	let byteRange: ByteRange | undefined;
	let pendingVariant: Record<string, string> | undefined;
	/** Where the next byte range without an offset starts, per resource. */
	const rangeEnds = new Map<string, number>();
	const absolute = (uri: string) => new URL(uri, baseUrl).href;

	for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
		const trimmed = line.trim();
		if (trimmed === '') continue;
		if (!trimmed.startsWith('#')) {
			if (pendingVariant) {
				variants.push(variantOf(trimmed, pendingVariant));
				pendingVariant = undefined;
				continue;
			}
			const url = absolute(trimmed);
			const range = byteRange && { length: byteRange.length, offset: byteRange.offset >= 0 ? byteRange.offset : (rangeEnds.get(url) ?? 0) };
			if (range) rangeEnds.set(url, range.offset + range.length);
			segments.push({
				sequence: sequence++,
				url,
				duration: duration ?? 0,
				encryption,
				...(range && { byteRange: range }),
				...(init && { init }),
				...(title && { title })
			});
			duration = undefined;
			title = undefined;
			byteRange = undefined;
			continue;
		}
		const colon = trimmed.indexOf(':');
		const tag = colon === -1 ? trimmed : trimmed.slice(0, colon);
		const value = colon === -1 ? '' : trimmed.slice(colon + 1);
		switch (tag) {
			case '#EXT-X-STREAM-INF':
				pendingVariant = parseAttributes(value);
				break;
			case '#EXT-X-MEDIA': {
				const attributes = parseAttributes(value);
				if (attributes.TYPE === 'AUDIO' && attributes.URI) {
					audioRenditions.push({ groupId: attributes['GROUP-ID'] ?? '', uri: attributes.URI, isDefault: attributes.DEFAULT === 'YES' });
				}
				break;
			}
			case '#EXT-X-TARGETDURATION':
				targetDuration = Number.parseFloat(value) || 0;
				break;
			case '#EXT-X-MEDIA-SEQUENCE':
				sequence = Number.parseInt(value, 10) || 0;
				break;
			case '#EXTINF':
				duration = Number.parseFloat(value) || 0;
				title = extinfTitle(value);
				break;
			case '#EXT-X-BYTERANGE':
				byteRange = parseByteRange(value);
				break;
			case '#EXT-X-KEY':
				encryption = (parseAttributes(value).METHOD ?? 'NONE').toUpperCase();
				break;
			case '#EXT-X-MAP': {
				const attributes = parseAttributes(value);
				if (!attributes.URI) break;
				const range = attributes.BYTERANGE === undefined ? undefined : parseByteRange(attributes.BYTERANGE);
				init = { url: absolute(attributes.URI), ...(range && { byteRange: { length: range.length, offset: Math.max(0, range.offset) } }) };
				break;
			}
			case '#EXT-X-ENDLIST':
				ended = true;
				break;
			default:
				break;
		}
	}
	return variants.length > 0 || audioRenditions.length > 0
		? { type: 'master', variants, audioRenditions }
		: { type: 'media', targetDuration, segments, ended };
}

/** The title part of `#EXTINF:<duration>,<title>`: `Artist - Song` as written, or from `title="…"` and `artist="…"` attributes. */
function extinfTitle(value: string): string | undefined {
	const comma = value.indexOf(',');
	const text = comma === -1 ? '' : value.slice(comma + 1).trim();
	if (text === '') return undefined;
	if (!/\btitle="/i.test(text)) return text;
	const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(text)?.[1]?.trim();
	const song = attribute('title');
	const artist = attribute('artist');
	return song ? (artist ? `${artist} - ${song}` : song) : undefined;
}

function variantOf(uri: string, attributes: Record<string, string>): HlsVariant {
	return {
		uri,
		bandwidth: Number(attributes.BANDWIDTH) || 0,
		codecs: (attributes.CODECS ?? '')
			.split(',')
			.map((codec) => codec.trim().toLowerCase())
			.filter(Boolean),
		audioGroup: attributes.AUDIO,
		hasResolution: attributes.RESOLUTION !== undefined
	};
}

/** `KEY=value,KEY="quoted, value"` → { KEY: 'value', … } */
export function parseAttributes(list: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const [, key, quoted, plain] of list.matchAll(/([A-Z0-9-]+)=(?:"([^"]*)"|([^,]*))/g)) attributes[key] = quoted ?? plain;
	return attributes;
}

/** `length[@offset]`; offset -1 when absent (it then follows the previous range of the same resource). */
function parseByteRange(value: string): ByteRange | undefined {
	const match = /^(\d+)(?:@(\d+))?$/.exec(value.trim());
	if (!match) return undefined;
	return { length: Number(match[1]), offset: match[2] === undefined ? -1 : Number(match[2]) };
}
