/**
 * The song title in the metadata ffmpeg reports for an input: `StreamTitle` (ICY, when ffmpeg reads an Icecast URL
 * itself), else `Artist - Title` from tags (Vorbis/Opus comments, ID3 in HLS or MP3), else the title alone.
 * Keys are matched case-insensitively (Vorbis comments are often upper case). Null when there is no title.
 */
export function titleFromFfmpegMetadata(fields: Readonly<Record<string, string>>): string | null {
	const field = (name: string): string =>
		Object.entries(fields)
			.find(([key]) => key.toLowerCase() === name)?.[1]
			.trim() ?? '';
	const streamTitle = field('streamtitle');
	if (streamTitle) return streamTitle;
	const title = field('title');
	const artist = field('artist');
	if (title && artist) return `${artist} - ${title}`;
	return title || null;
}
