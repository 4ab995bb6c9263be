import { EventEmitter } from 'node:events';
import { cleanTitle } from '#lib/stations/nowPlaying/cleanTitle';
import { splitSongTitle } from '#lib/stations/nowPlaying/splitSongTitle';

/**
 * Where a title came from: the ICY metadata of a stream the bot reads itself, the comments of a chained Ogg logical
 * stream, an HLS segment (#EXTINF or ID3), or ffmpeg's stderr (the title at start).
 */
export type TitleSource = 'icy' | 'ogg' | 'hls' | 'ffmpeg';

export interface NowPlayingTitle {
	/** The whole title, cleaned up (see cleanTitle). */
	readonly title: string;
	/** From `Artist - Song`, split on the first ' - '; absent when the title has no such form. */
	readonly artist?: string;
	readonly song?: string;
	/** When this title was first seen. */
	readonly since: Date;
	readonly source: TitleSource;
}

export interface NowPlayingOptions {
	/** Clock for `since`; tests may pass a fake. */
	readonly now?: () => Date;
}

/**
 * The song a pipeline is playing now. Feed it every title seen; it keeps the current one and emits
 * `'change'` `(current: NowPlayingTitle, previous: NowPlayingTitle | null)` only when the title really changes,
 * so streams that repeat the title in every metadata block, or report it through ICY and ffmpeg, announce it once.
 */
export class NowPlaying extends EventEmitter {
	private currentTitle: NowPlayingTitle | null = null;
	private readonly now: () => Date;

	public constructor(options: NowPlayingOptions = {}) {
		super();
		this.now = options.now ?? (() => new Date());
	}

	public get current(): NowPlayingTitle | null {
		return this.currentTitle;
	}

	/** Returns true when `title` became the current title; empty and repeated titles are ignored. */
	public update(title: string, source: TitleSource): boolean {
		const cleaned = cleanTitle(title);
		if (cleaned === '' || cleaned === this.currentTitle?.title) return false;
		const previous = this.currentTitle;
		this.currentTitle = { title: cleaned, ...splitSongTitle(cleaned), since: this.now(), source };
		this.emit('change', this.currentTitle, previous);
		return true;
	}

	/** Forgets the current title (e.g. when the pipeline switches to another station); emits nothing. */
	public clear(): void {
		this.currentTitle = null;
	}
}
