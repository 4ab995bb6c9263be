/** Larger intervals are not seen on real servers (Icecast uses 16000, Shoutcast 8192 to 32768) and would let a hostile server starve titles. */
export const maxIcyMetaint = 256 * 1024;

/**
 * Reads an `icy-metaint` header (or number): 0 when absent or 0, meaning the stream carries no metadata blocks.
 * Throws a RangeError for anything that is not a whole number from 0 to {@link maxIcyMetaint}.
 */
export function parseIcyMetaint(value: number | string | readonly string[] | undefined): number {
	if (value === undefined) return 0;
	// A header sent twice reaches us joined by ", " (or as an array): the first value is the one servers mean.
	const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : (value[0] ?? '');
	const text = raw.split(',')[0]!.trim();
	if (text === '') return 0;
	if (!/^\d+$/.test(text)) throw new RangeError(`icy-metaint must be a whole number of bytes, got "${text}"`);
	const metaint = Number(text);
	if (metaint > maxIcyMetaint) throw new RangeError(`icy-metaint ${metaint} exceeds the ${maxIcyMetaint}-byte limit`);
	return metaint;
}
