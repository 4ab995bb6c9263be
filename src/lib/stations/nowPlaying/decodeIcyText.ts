import { isUtf8 } from 'node:buffer';

/**
 * Decodes metadata text as UTF-8 when it is valid UTF-8 and as Latin-1 otherwise: old Shoutcast servers send
 * Latin-1, and Latin-1 bytes above 0x7F almost never happen to form valid UTF-8.
 * The text ends at the first NUL: blocks are NUL-padded to a multiple of 16 bytes, and some servers leave garbage after.
 */
export function decodeIcyText(bytes: Uint8Array): string {
	const end = bytes.indexOf(0);
	const text = end === -1 ? bytes : bytes.subarray(0, end);
	return Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString(isUtf8(text) ? 'utf8' : 'latin1');
}
