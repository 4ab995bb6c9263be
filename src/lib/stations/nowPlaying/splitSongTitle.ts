/** Artist and song of a stream title, when it has the usual `Artist - Song` form. */
export interface SongTitleParts {
	readonly artist?: string;
	readonly song?: string;
}

/** Splits on the first ' - ': `AC/DC - Back In Black - Live` → artist `AC/DC`, song `Back In Black - Live`. */
export function splitSongTitle(title: string): SongTitleParts {
	const separator = title.indexOf(' - ');
	if (separator === -1) return {};
	const artist = title.slice(0, separator).trim();
	const song = title.slice(separator + 3).trim();
	return artist && song ? { artist, song } : {};
}
