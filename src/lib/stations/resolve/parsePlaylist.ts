/** The stream URLs of a PLS playlist (`File1=…`, `File2=…`), in entry-number order. */
export function parsePls(text: string): string[] {
	const entries: { index: number; url: string }[] = [];
	for (const line of text.split(/\r?\n/)) {
		const match = /^\s*file(\d+)\s*=\s*(.+?)\s*$/i.exec(line);
		if (match) entries.push({ index: Number(match[1]), url: match[2] });
	}
	return entries.sort((a, b) => a.index - b.index).map((entry) => entry.url);
}

/** The stream URLs of an M3U playlist: every line that is neither blank nor a `#` comment or directive. */
export function parseM3u(text: string): string[] {
	return text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'));
}
