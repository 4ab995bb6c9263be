export const DefaultLanguage = 'en-US';

/**
 * Picks the first candidate we ship a bundle for. A locale we lack falls back to a sibling of the same
 * language (es-419 → es-ES, en-GB → en-US) before the default, so nobody gets a raw key or a foreign language
 * when a close one exists.
 */
export function pickLanguage(candidates: readonly (string | null | undefined)[], shipped: ReadonlySet<string>): string {
	for (const candidate of candidates) {
		if (!candidate) continue;
		if (shipped.has(candidate)) return candidate;
		const base = candidate.split('-')[0];
		const sibling = [...shipped].find((locale) => locale.split('-')[0] === base);
		if (sibling) return sibling;
	}
	return DefaultLanguage;
}
