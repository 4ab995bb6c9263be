import { truncateText } from '#lib/text/truncateText';

// Text that members and stations control (names, song titles, searches) reaches Discord only through these functions:
// invisible and direction-changing characters removed, markdown escaped where Discord renders it, cut to the limit.

/** C0 and C1 control characters: line breaks from multi-line tags, terminal escape sequences. */
// eslint-disable-next-line no-control-regex
const Controls = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Bidi embeddings, overrides and isolates (they reorder the text around them: "‮3pm.exe" shows as "exe.mp3"), and
 * invisible characters used to blank or spoof names: zero-width space and non-joiner, word joiner and its kin, BOM,
 * soft hyphen, combining grapheme joiner, Mongolian vowel separator, Hangul fillers, Khmer inherent vowels.
 */
const Invisible = /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u2060-\u2064\uFEFF\u00AD\u034F\u180E\u115F\u1160\u3164\uFFA0\u17B4\u17B5]/g;

/** A zero-width joiner outside an emoji sequence (👩‍💻 keeps its joiner). */
const StrayJoiner = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** More than four combining marks on one character: "Zalgo" text that spills over the lines around it. */
const MarkFlood = /(\p{M}{4})\p{M}+/gu;

/** Characters with a markdown meaning anywhere in a line (emphasis, code, spoilers, links, quotes, mentions, timestamps). */
const InlineMarkdown = /[\\*_~`|[\]()<>]/g;

/** Markdown that only counts at the start of a line: headings, subtext, bulleted lists; numbered lists apart (a digit cannot be escaped). */
const LineStartMarkdown = /^(\s*)(#{1,3}|-#|[-+])(?=\s)/;
const NumberedList = /^(\s*\d+)\.(?=\s)/;

/** The longest member or station text quoted inside a sentence of a reply (a search, a station name). */
export const QuotedTextLength = 100;

/** One line of plain text: no control, bidi or invisible characters, whitespace collapsed and trimmed. */
export function plainText(text: string): string {
	return text.replace(Controls, ' ').replace(Invisible, '').replace(StrayJoiner, '').replace(MarkFlood, '$1').replace(/\s+/g, ' ').trim();
}

/** `text` made safe to show literally where Discord renders markdown (message content, embed titles, descriptions, fields). */
export function escapeMarkdownText(text: string): string {
	return text.replace(InlineMarkdown, '\\$&').replace(LineStartMarkdown, '$1\\$2').replace(NumberedList, '$1\\.');
}

/** For markdown places: plain, escaped, then cut to `maxLength` (UTF-16 code units, as Discord counts). */
export function markdownText(text: string, maxLength: number): string {
	return truncateText(escapeMarkdownText(plainText(text)), maxLength);
}

/** For places without markdown (select labels, autocomplete choices, footers, the voice channel status): plain, then cut. */
export function labelText(text: string, maxLength: number): string {
	return truncateText(plainText(text), maxLength);
}

/** Joins lines with `separator` while the result fits `maxLength`; lines that do not fit are left out, so no line is cut in half. */
export function joinWithin(lines: readonly string[], maxLength: number, separator = '\n'): string {
	let result = '';
	for (const line of lines) {
		const next = result ? `${result}${separator}${line}` : line;
		if (next.length > maxLength) break;
		result = next;
	}
	return result;
}
