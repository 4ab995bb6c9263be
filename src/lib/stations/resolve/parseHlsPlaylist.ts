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

export interface HlsMediaSegment {
	readonly uri: string;
	/** Seconds, from #EXTINF. */
	readonly duration: number;
}

export type HlsPlaylist =
	| { readonly type: 'master'; readonly variants: readonly HlsVariant[]; readonly audioRenditions: readonly HlsAudioRendition[] }
	| { readonly type: 'media'; readonly segments: readonly HlsMediaSegment[]; readonly ended: boolean };

/** Parses an HLS playlist (RFC 8216) as far as choosing an audio variant and finding segments needs. URIs stay as written. */
export function parseHlsPlaylist(text: string): HlsPlaylist {
	const lines = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.map((line) => line.trim());
	const variants: HlsVariant[] = [];
	const audioRenditions: HlsAudioRendition[] = [];
	const segments: HlsMediaSegment[] = [];
	let ended = false;
	let pendingVariant: Record<string, string> | undefined;
	let pendingDuration: number | undefined;

	for (const line of lines) {
		if (line === '') continue;
		if (line.startsWith('#')) {
			const [tag, value = ''] = splitOnce(line, ':');
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
				case '#EXTINF':
					pendingDuration = Number.parseFloat(value) || 0;
					break;
				case '#EXT-X-ENDLIST':
					ended = true;
					break;
				default:
					break;
			}
			continue;
		}
		if (pendingVariant) {
			variants.push({
				uri: line,
				bandwidth: Number(pendingVariant.BANDWIDTH) || 0,
				codecs: (pendingVariant.CODECS ?? '')
					.split(',')
					.map((codec) => codec.trim().toLowerCase())
					.filter(Boolean),
				audioGroup: pendingVariant.AUDIO,
				hasResolution: pendingVariant.RESOLUTION !== undefined
			});
			pendingVariant = undefined;
		} else {
			segments.push({ uri: line, duration: pendingDuration ?? 0 });
			pendingDuration = undefined;
		}
	}
	return variants.length > 0 || audioRenditions.length > 0 ? { type: 'master', variants, audioRenditions } : { type: 'media', segments, ended };
}

/** `KEY=value,KEY="quoted, value"` → { KEY: 'value', … } */
export function parseAttributes(list: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const [, key, quoted, plain] of list.matchAll(/([A-Z0-9-]+)=(?:"([^"]*)"|([^,]*))/g)) attributes[key] = quoted ?? plain;
	return attributes;
}

function splitOnce(text: string, separator: string): [string, string?] {
	const index = text.indexOf(separator);
	return index === -1 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}
