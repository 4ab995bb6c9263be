export type StreamResolveReason =
	| 'unreachable'
	| 'timeout'
	| 'http-status'
	| 'not-audio'
	| 'empty-playlist'
	| 'too-deep'
	| 'too-many-redirects'
	/** The request budget of one resolution (playlists, redirects and variants together) is spent. */
	| 'too-many-requests'
	| 'too-large'
	| 'all-entries-failed'
	| 'bad-url'
	/** Refused by the URL safety checks of user-provided stations (see #lib/net/safety). */
	| 'unsafe-url'
	/** An encrypted HLS stream (#EXT-X-KEY) for user-provided stations, whose HLS the bot reads itself and cannot decrypt. */
	| 'hls-encrypted';

/** Why one playlist entry (or HLS variant) could not be played. */
export interface EntryFailure {
	readonly url: string;
	readonly reason: StreamResolveReason;
	readonly message: string;
}

/** A URL that does not lead to playable audio. `message` is plain English; the bot shows a localized text per `reason`. */
export class StreamResolveError extends Error {
	public override readonly name = 'StreamResolveError';

	public constructor(
		public readonly reason: StreamResolveReason,
		message: string,
		/** The URL the failure is about (the innermost one reached). */
		public readonly url: string,
		/** For 'all-entries-failed': one failure per entry tried, in playlist order. */
		public readonly failures: readonly EntryFailure[] = [],
		options?: ErrorOptions
	) {
		super(message, options);
	}
}
