import { formatVoiceStatus } from '#lib/stations/nowPlaying/formatVoiceStatus';
import { KeyedThrottle } from '#lib/timing/KeyedThrottle';
import type { GuildSession } from '#lib/voice/VoiceService';

export interface ChannelStatusOptions {
	/** Sets a voice channel's status on Discord ('' clears it); never throws (failures are the caller's to log). */
	put(session: GuildSession, status: string): Promise<void>;
	/** A channel's status changes at most this often; the latest title wins. */
	intervalMs: number;
}

/**
 * "📻 Station — Song" under each listening voice channel's name. A station that changes its title many times a second
 * costs one request per channel per interval, and the same text is never sent twice in a row.
 */
export class ChannelStatus {
	private readonly shown = new Map<string, string>();
	private readonly throttle: KeyedThrottle<{ session: GuildSession; status: string }>;

	public constructor(private readonly options: ChannelStatusOptions) {
		this.throttle = new KeyedThrottle(options.intervalMs, (channelId, { session, status }) => {
			if (this.shown.get(channelId) === status) return;
			this.shown.set(channelId, status);
			void options.put(session, status);
		});
	}

	/** Channels whose status is known to us (set and not cleared). */
	public get size(): number {
		return this.shown.size;
	}

	/** Shows the station and its song (or just the station when `title` is null) in the session's channel. */
	public show(session: GuildSession, title: string | null): void {
		this.throttle.push(session.channelId, { session, status: formatVoiceStatus(session.station.name, title) });
	}

	/** The session ended: drop what is pending and clear the status now. */
	public async clear(session: GuildSession): Promise<void> {
		this.throttle.cancel(session.channelId);
		this.shown.delete(session.channelId);
		await this.options.put(session, '');
	}

	public dispose(): void {
		this.throttle.dispose();
		this.shown.clear();
	}
}
