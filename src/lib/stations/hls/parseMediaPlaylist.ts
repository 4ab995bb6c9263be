import { parseAttributes } from '#lib/stations/resolve/parseHlsPlaylist';

/** Part of a resource, from #EXT-X-BYTERANGE or a BYTERANGE attribute. */
export interface ByteRange {
	readonly length: number;
	readonly offset: number;
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
}

export interface MediaPlaylist {
	/** Seconds (#EXT-X-TARGETDURATION); drives how often a live playlist is reloaded. */
	readonly targetDuration: number;
	readonly segments: readonly LiveSegment[];
	/** #EXT-X-ENDLIST: no segments will be added. */
	readonly ended: boolean;
}

/**
 * Parses an HLS media playlist as far as reading it live needs: sequence numbers, initialization sections, keys and
 * byte ranges, with every URI made absolute against `baseUrl`. (parseHlsPlaylist covers what resolving needs.)
 */
export function parseMediaPlaylist(text: string, baseUrl: string): MediaPlaylist {
	let targetDuration = 0;
	let sequence = 0;
	let ended = false;
	let encryption = 'NONE';
	let init: LiveSegment['init'];
	let duration: number | undefined;
	let byteRange: ByteRange | undefined;
	/** Where the next byte range without an offset starts, per resource. */
	const rangeEnds = new Map<string, number>();
	const segments: LiveSegment[] = [];
	const absolute = (uri: string) => new URL(uri, baseUrl).href;

	for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
		const trimmed = line.trim();
		if (trimmed === '') continue;
		if (!trimmed.startsWith('#')) {
			const url = absolute(trimmed);
			const range = byteRange && { length: byteRange.length, offset: byteRange.offset >= 0 ? byteRange.offset : (rangeEnds.get(url) ?? 0) };
			if (range) rangeEnds.set(url, range.offset + range.length);
			segments.push({
				sequence: sequence++,
				url,
				duration: duration ?? 0,
				encryption,
				...(range && { byteRange: range }),
				...(init && { init })
			});
			duration = undefined;
			byteRange = undefined;
			continue;
		}
		const colon = trimmed.indexOf(':');
		const tag = colon === -1 ? trimmed : trimmed.slice(0, colon);
		const value = colon === -1 ? '' : trimmed.slice(colon + 1);
		switch (tag) {
			case '#EXT-X-TARGETDURATION':
				targetDuration = Number.parseFloat(value) || 0;
				break;
			case '#EXT-X-MEDIA-SEQUENCE':
				sequence = Number.parseInt(value, 10) || 0;
				break;
			case '#EXTINF':
				duration = Number.parseFloat(value) || 0;
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
	return { targetDuration, segments, ended };
}

/** `length[@offset]`; offset -1 when absent (it then follows the previous range of the same resource). */
function parseByteRange(value: string): ByteRange | undefined {
	const match = /^(\d+)(?:@(\d+))?$/.exec(value.trim());
	if (!match) return undefined;
	return { length: Number(match[1]), offset: match[2] === undefined ? -1 : Number(match[2]) };
}
