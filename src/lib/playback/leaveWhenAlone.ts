import type { Guild } from 'discord.js';
import { humansInChannel } from '#lib/discord/humansInChannel';
import type { Log } from '#lib/logger/logger';
import type { SettingsStore } from '#lib/settings/types';
import type { GuildSession, VoiceService } from '#lib/voice/VoiceService';

export interface LeaveWhenAloneOptions {
	/** How long the bot stays in a channel with nobody to listen (`voice.idle_timeout_seconds`). */
	readonly timeoutMs: number;
	readonly voice: Pick<VoiceService, 'sessionFor' | 'stop'>;
	readonly settings: Pick<SettingsStore, 'guild'>;
	readonly logger: Log;
	/** The session ended for being alone: tell the server. */
	onLeft(session: GuildSession): void;
}

/**
 * "Leave when alone": once nobody listens in a session's channel, a countdown starts; somebody coming back cancels it,
 * and when it runs out the radio stops there. A 24/7 server's own channel is exempt: there the bot stays, alone or not.
 */
export class LeaveWhenAlone {
	private readonly timers = new Map<string, NodeJS.Timeout>();

	public constructor(private readonly options: LeaveWhenAloneOptions) {}

	/** Guilds with a countdown running. */
	public get pending(): number {
		return this.timers.size;
	}

	/** Starts the countdown if nobody listens in the session's channel, and cancels it when somebody does. */
	public async watch(guild: Guild, session: GuildSession): Promise<void> {
		if (humansInChannel(guild, session.channelId) > 0) {
			this.cancel(session.guildId);
			return;
		}
		if (await this.keepsChannel(session)) return;
		// The settings read took a moment: act on the session and channel as they are now.
		const current = this.options.voice.sessionFor(session.guildId);
		if (current?.channelId !== session.channelId || humansInChannel(guild, session.channelId) > 0) return;
		this.start(session.guildId);
	}

	public cancel(guildId: string): void {
		clearTimeout(this.timers.get(guildId));
		this.timers.delete(guildId);
	}

	public dispose(): void {
		for (const guildId of [...this.timers.keys()]) this.cancel(guildId);
	}

	private start(guildId: string): void {
		if (this.timers.has(guildId)) return;
		const timer = setTimeout(() => {
			this.timers.delete(guildId);
			const ended = this.options.voice.stop(guildId, 'idle');
			if (!ended) return;
			this.options.logger.info({ guildId: ended.guildId, channelId: ended.channelId }, 'left an empty channel');
			this.options.onLeft(ended);
		}, this.options.timeoutMs);
		timer.unref();
		this.timers.set(guildId, timer);
	}

	/** True when the server has 24/7 on for exactly this channel; an unreadable store counts as yes (staying is harmless). */
	private async keepsChannel(session: GuildSession): Promise<boolean> {
		try {
			const settings = await this.options.settings.guild(session.guildId);
			return settings.autoJoin && settings.voiceChannelId === session.channelId;
		} catch (error) {
			this.options.logger.warn({ err: error, guildId: session.guildId }, 'server settings unreadable: not leaving an empty channel');
			return true;
		}
	}
}
