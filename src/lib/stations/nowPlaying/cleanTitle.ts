import { truncateText } from '#lib/text/truncateText';
import { plainText } from '#lib/text/userText';

/** Longest title kept: Discord's voice status limit, and a bound on what 10,000 guilds' histories can hold. */
export const maxTitleLength = 500;

/**
 * A title fit for display and comparison: one line of plain text (see plainText: no control, bidi or invisible
 * characters), cut to {@link maxTitleLength}. '' means no title.
 */
export function cleanTitle(title: string): string {
	return truncateText(plainText(title), maxTitleLength);
}
