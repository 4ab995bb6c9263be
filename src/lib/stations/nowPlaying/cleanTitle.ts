import { truncateText } from './truncateText.js';

/** Longest title kept: Discord's voice status limit, and a bound on what 10,000 guilds' histories can hold. */
export const maxTitleLength = 500;

/**
 * A title fit for display and comparison: control characters (line breaks from multi-line tags) become spaces,
 * runs of whitespace collapse, ends are trimmed, and it is cut to {@link maxTitleLength}. '' means no title.
 */
export function cleanTitle(title: string): string {
	// eslint-disable-next-line no-control-regex
	const cleaned = title
		.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return truncateText(cleaned, maxTitleLength);
}
