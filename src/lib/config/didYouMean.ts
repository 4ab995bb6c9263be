/** The candidate closest to `word` by edit distance, if it is close enough to be a plausible typo. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
	const needle = word.toLowerCase();
	// A shortened key ("idle_timeout" for "idle_timeout_seconds") is a near miss too, however many characters are missing.
	const extended = needle.length >= 3 ? candidates.filter((candidate) => candidate.toLowerCase().startsWith(needle)) : [];
	if (extended.length === 1) return extended[0];
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const distance = editDistance(needle, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	// Allow roughly one typo per three characters, at least one, so "url" ↔ "uri" matches but "foo" ↔ "url" does not.
	const tolerance = Math.max(1, Math.floor(needle.length / 3));
	return bestDistance <= tolerance ? best : undefined;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("aliaess" → "aliases"). */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const columns = b.length + 1;
	const table: number[][] = Array.from({ length: rows }, (_, row) =>
		Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0))
	);
	for (let row = 1; row < rows; row++) {
		for (let column = 1; column < columns; column++) {
			const cost = a[row - 1] === b[column - 1] ? 0 : 1;
			let value = Math.min(table[row - 1][column] + 1, table[row][column - 1] + 1, table[row - 1][column - 1] + cost);
			if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
				value = Math.min(value, table[row - 2][column - 2] + 1);
			}
			table[row][column] = value;
		}
	}
	return table[rows - 1][columns - 1];
}
