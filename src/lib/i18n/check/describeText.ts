/** A translation quoted for a message, shortened when long. */
export function quote(text: string): string {
	return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}…` : text);
}

export function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
