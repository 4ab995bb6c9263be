import { decodeIcyText } from '#lib/stations/nowPlaying/decodeIcyText';

/** One ICY metadata block, e.g. from `StreamTitle='Artist - Song';StreamUrl='';`. */
export interface IcyMetadata {
	/** `StreamTitle` as sent (may be empty); undefined when the block has no StreamTitle field. */
	readonly streamTitle: string | undefined;
	readonly streamUrl: string | undefined;
	/** Every `key='value';` field of the block. */
	readonly fields: Readonly<Record<string, string>>;
	/** The decoded block text without NUL padding. */
	readonly raw: string;
}

// A value runs to the first `'` that is followed by `;` plus another `key='`, or by the end of the text, so quotes
// and even `';` inside a title (Guns N' Roses) survive. The final `;` is optional: some servers omit it.
const fieldPattern = /(\w+)='(.*?)'(?:;(?=\s*\w+=')|;?\s*$)/gs;

/** Parses the payload of a metadata block (the bytes after its length byte). */
export function parseIcyMetadata(payload: Uint8Array): IcyMetadata {
	const raw = decodeIcyText(payload);
	const fields: Record<string, string> = {};
	for (const [, key, value] of raw.matchAll(fieldPattern)) fields[key!] = value!;
	return { streamTitle: fields.StreamTitle, streamUrl: fields.StreamUrl, fields, raw };
}
