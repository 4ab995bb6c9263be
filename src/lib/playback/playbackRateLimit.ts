import { RateLimitManager } from '@sapphire/ratelimits';

/** Playback changes per user: 5 within 30 s, so nobody can make the bot rejoin and restart streams in a loop. */
const WindowMs = 30_000;
const PlaybackChangesPerWindow = 5;

/** One budget per user, shared by /radio play|stop|volume and by the buttons and menus that start a station. */
const limits = new RateLimitManager<string>(WindowMs, PlaybackChangesPerWindow);

/** Takes one playback change from `userId`'s budget; returns when they may try again if it is spent, else null. */
export function takePlaybackChange(userId: string, now = Date.now()): Date | null {
	const limit = limits.acquire(userId);
	if (limit.limited) return new Date(now + limit.remainingTime);
	limit.consume();
	return null;
}

/** Gives back a change that changed nothing because the request itself was wrong (a typo'd station, a volume outside the limits). */
export function returnPlaybackChange(userId: string): void {
	const limit = limits.get(userId);
	if (limit && !limit.expired && limit.remaining < PlaybackChangesPerWindow) limit.remaining++;
}
