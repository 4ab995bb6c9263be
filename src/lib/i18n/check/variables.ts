/** `{{name}}`, `{{- name}}` (unescaped) and `{{name, format}}` all use the variable `name`. */
const interpolation = /\{\{-?\s*([^,}\s]+)[^}]*\}\}/g;
/** `$t(namespace:key)` or `$t(key, { … })` nests another translation. */
const nesting = /\$t\(\s*([^,)\s]+)/g;

export function interpolationVariables(text: string): Set<string> {
	return new Set(Array.from(text.matchAll(interpolation), (match) => match[1]!));
}

export function nestedKeys(text: string): Set<string> {
	return new Set(Array.from(text.matchAll(nesting), (match) => match[1]!));
}

/**
 * The length of the text a user sees at the least: placeholders and nestings removed. Counted in UTF-16 code units as
 * discord.js's builders count (an emoji may count 2), which is never less than Discord's own count.
 */
export function literalLength(text: string): number {
	return text.replace(interpolation, '').replace(/\$t\([^)]*\)/g, '').length;
}

export function hasPlaceholders(text: string): boolean {
	return interpolationVariables(text).size > 0 || nestedKeys(text).size > 0;
}
