/**
 * Cuts `text` to at most `maxLength` UTF-16 code units (how Discord counts), ending in '…' when cut, and never
 * between the two halves of a surrogate pair (an emoji cut in half shows as a broken character).
 */
export function truncateText(text: string, maxLength: number): string {
	if (text.length <= maxLength) return text;
	if (maxLength <= 0) return '';
	let end = maxLength - 1;
	if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
	return `${text.slice(0, end).trimEnd()}…`;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
