import { z } from 'zod';
import type { StationFormat } from '#lib/config/types';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { parseSafeUrl } from '#lib/net/safety/checkUrlSafety';
import { labelText } from '#lib/text/userText';

/** A station of the radio-browser.info directory, checked and cleaned: every field here is safe to keep and show. */
export interface DirectoryEntry {
	readonly uuid: string;
	/** Plain text, at most 100 characters. */
	readonly name: string;
	/** The stream (`url_resolved`, else `url`), passed through the URL safety checks that need no DNS. */
	readonly url: string;
	readonly country: string;
	/** ISO 3166-1 alpha-2, upper case, or ''. */
	readonly countryCode: string;
	readonly language: string;
	readonly tags: string;
	/** As the directory names it (MP3, AAC+, OGG…), or ''. */
	readonly codec: string;
	/** kbps; 0 when unknown or not believable. */
	readonly bitrate: number;
	readonly votes: number;
	readonly hls: boolean;
	/**
	 * The station's logo (`favicon`), shown as a thumbnail, or null: checked like the stream URL (http or https, no
	 * credentials, no literal private address, at most 2048 characters). The bot never fetches it; Discord does.
	 */
	readonly favicon: string | null;
}

export const MaxEntryNameLength = 100;
const MaxFieldLength = 60;
const MaxTagsLength = 100;
/** Raw text is cut before cleaning: a 400 KB name costs nothing but this slice. */
const MaxRawLength = 2_000;
/** Believable stream bitrates (kbps): 8 for speech at the lowest, lossless stereo CD audio at the highest. */
const MinBitrate = 8;
const MaxBitrate = 1_411;
const MaxVotes = 1_000_000_000;

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = z
	.string()
	.catch('')
	.transform((value) => value.slice(0, MaxRawLength));

/** The documented station object; only what we use, each field falling back on its own so one odd field does not lose the entry. */
/** URLs are not cut: a cut URL would be another URL. parseSafeUrl refuses the long ones. */
const urlText = z.string().catch('');

const RawEntry = z.object({
	stationuuid: z.string().regex(Uuid),
	name: z.string(),
	url: urlText,
	url_resolved: urlText,
	favicon: urlText,
	country: text,
	countrycode: text,
	language: text,
	tags: text,
	codec: text,
	bitrate: z.unknown(),
	votes: z.unknown(),
	hls: z.unknown(),
	lastcheckok: z.unknown()
});

/**
 * The usable entries of a directory answer, at most `limit`: everything in it is hostile input. Entries without a uuid,
 * a name or a stream URL that passes the URL safety checks (scheme, credentials, port, literal private addresses) are
 * dropped, as are ones the directory itself marks broken and repeated uuids; text is made plain and cut; numbers that
 * are not believable become 0; a logo URL that fails the same checks is dropped, not the entry.
 */
export function parseDirectoryEntries(body: unknown, policy: AddressPolicy, limit: number): DirectoryEntry[] {
	if (!Array.isArray(body)) return [];
	const entries: DirectoryEntry[] = [];
	const seen = new Set<string>();
	for (const item of body) {
		if (entries.length >= limit) break;
		const entry = parseEntry(item, policy);
		if (!entry || seen.has(entry.uuid)) continue;
		seen.add(entry.uuid);
		entries.push(entry);
	}
	return entries;
}

function parseEntry(item: unknown, policy: AddressPolicy): DirectoryEntry | null {
	const parsed = RawEntry.safeParse(item);
	if (!parsed.success) return null;
	const raw = parsed.data;
	if (raw.lastcheckok === 0) return null;
	const name = labelText(raw.name.slice(0, MaxRawLength), MaxEntryNameLength);
	const url = safeUrl(raw.url_resolved || raw.url, policy);
	if (name.length === 0 || url === null) return null;
	const codec = labelText(raw.codec, 16).toUpperCase();
	return {
		uuid: raw.stationuuid.toLowerCase(),
		name,
		url,
		country: labelText(raw.country, MaxFieldLength),
		countryCode: /^[a-z]{2}$/i.test(raw.countrycode) ? raw.countrycode.toUpperCase() : '',
		language: labelText(raw.language, MaxFieldLength),
		tags: labelText(raw.tags.replace(/,/g, ', '), MaxTagsLength),
		codec: /^[A-Z0-9+.\- ]+$/.test(codec) ? codec : '',
		bitrate: wholeIn(raw.bitrate, MinBitrate, MaxBitrate),
		votes: wholeIn(raw.votes, 0, MaxVotes),
		hls: raw.hls === 1 || raw.hls === true,
		favicon: safeUrl(raw.favicon, policy)
	};
}

function safeUrl(raw: string, policy: AddressPolicy): string | null {
	if (!raw) return null;
	try {
		return parseSafeUrl(raw, policy).href;
	} catch {
		return null;
	}
}

/** A whole number within [min, max] as the directory sent it (a number, not text), else 0. */
function wholeIn(value: unknown, min: number, max: number): number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : 0;
}

/** The format a directory codec most likely is; the preflight sniffs the real container before anything plays. */
export function formatOfCodec(codec: string, hls: boolean): StationFormat {
	if (hls) return 'HLS';
	if (codec.startsWith('AAC') || codec === 'HE-AAC') return 'AAC';
	if (codec === 'OGG' || codec === 'VORBIS') return 'OGG';
	if (codec === 'OPUS') return 'OPUS';
	return 'MP3';
}
