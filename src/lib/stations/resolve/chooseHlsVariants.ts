import type { HlsAudioRendition, HlsVariant } from '#lib/stations/hls/parseHlsPlaylist';

const audioCodecPrefixes = ['mp4a', 'opus', 'mp3', 'ac-3', 'ec-3', 'flac', 'vorbis'];

export const defaultHlsBandwidthFloor = 64_000;

/**
 * Orders the media playlists of an HLS master playlist from best to worst for radio; the resolver tries them in turn.
 *
 * The rule:
 * 1. A variant whose AUDIO group has a rendition with its own URI is played through that rendition (the DEFAULT=YES one,
 *    else the first): the variant's own playlist may then carry video only. Such renditions count as audio-only.
 * 2. Tiers: audio-only (a rendition, CODECS naming only audio codecs, or neither CODECS nor RESOLUTION); then CODECS with
 *    an audio codec among others; then a RESOLUTION without CODECS; then the rest (CODECS without any audio codec).
 * 3. Within a tier: the lowest BANDWIDTH at or above `bandwidthFloor` first (enough quality for speech and music without
 *    pulling a video's bitrate), then those below the floor from the highest down.
 */
export function chooseHlsVariants(
	variants: readonly HlsVariant[],
	renditions: readonly HlsAudioRendition[],
	bandwidthFloor = defaultHlsBandwidthFloor
): string[] {
	const candidates = variants.map((variant) => {
		const rendition = renditionFor(variant, renditions);
		return { uri: rendition?.uri ?? variant.uri, bandwidth: variant.bandwidth, tier: rendition ? 0 : tierOf(variant) };
	});
	// A master with renditions but no variants still lists playable audio.
	if (candidates.length === 0) for (const rendition of renditions) candidates.push({ uri: rendition.uri, bandwidth: 0, tier: 0 });

	const rank = (bandwidth: number) => (bandwidth >= bandwidthFloor ? bandwidth : Number.MAX_SAFE_INTEGER - bandwidth);
	candidates.sort((a, b) => a.tier - b.tier || rank(a.bandwidth) - rank(b.bandwidth));
	return [...new Set(candidates.map((candidate) => candidate.uri))];
}

function renditionFor(variant: HlsVariant, renditions: readonly HlsAudioRendition[]): HlsAudioRendition | undefined {
	if (variant.audioGroup === undefined) return undefined;
	const group = renditions.filter((rendition) => rendition.groupId === variant.audioGroup);
	return group.find((rendition) => rendition.isDefault) ?? group[0];
}

function tierOf(variant: HlsVariant): number {
	const audio = variant.codecs.filter(isAudioCodec);
	if (variant.codecs.length === 0) return variant.hasResolution ? 2 : 0;
	if (audio.length === variant.codecs.length) return 0;
	return audio.length > 0 ? 1 : 3;
}

function isAudioCodec(codec: string): boolean {
	return audioCodecPrefixes.some((prefix) => codec === prefix || codec.startsWith(`${prefix}.`));
}
