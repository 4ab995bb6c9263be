import { once } from 'node:events';
import type { EmulatedChannel } from '../model/Channel.js';
import type { EmulatedGuild } from '../model/Guild.js';
import type { Json } from '../model/types.js';
import { VoiceCloseCode } from './protocol.js';
import type { UdpOutageOptions } from './udpOutage.js';
import type { VoiceServer } from './voiceServer.js';
import type { VoiceServerPool } from './voiceServerPool.js';
import type { VoiceSession } from './voiceSession.js';

export interface VoiceFaultContext {
	readonly botUserId: string;
	readonly pool: VoiceServerPool;
	/** Sends a dispatch on the main gateway. */
	dispatch(event: string, data: Json): void;
}

export interface MoveServerOptions {
	/** How the old server ends the old call if the client still holds its socket after `graceMs`. Default 4022 (Call Terminated). */
	closeOldWith?: number;
	/** How long the old server waits for the client to leave on its own (it does, on VOICE_SERVER_UPDATE). Default 2 s. */
	graceMs?: number;
}

export interface MoveBotOptions {
	/** The close code of the old voice connection. Default 4014 (Disconnected: "you were moved or kicked"). */
	closeCode?: number;
	/** The new channel's call is on another voice server (another endpoint). Default false. */
	otherServer?: boolean;
	/**
	 * 'close-first' (default, as bots log it): the gateway events follow once the old socket is closed and the client had
	 * `gapMs` to see the close. 'events-first': VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE come first, the close right after.
	 */
	order?: 'close-first' | 'events-first';
	/** Time between the close and the gateway events with 'close-first'. Default 100 ms. */
	gapMs?: number;
}

/**
 * What Discord does to a bot's voice connection that the bot did not ask for: the call moves to another voice server,
 * a moderator drags the bot to another channel, the channel is deleted, UDP stops getting through.
 */
export class VoiceFaults {
	public constructor(private readonly context: VoiceFaultContext) {}

	/**
	 * Discord moves the guild's call to another voice server (a second server on its own ports): VOICE_SERVER_UPDATE with the
	 * new endpoint and a new token for the same channel. The client must connect there; the old server ends the old session
	 * once the client left it (or after `graceMs`, closing with `closeOldWith`). Resolves with the new server once the old
	 * session ended; `emu.waitForVoice(guild)` then gives the new session.
	 */
	public async moveServer(guild: EmulatedGuild, { closeOldWith = VoiceCloseCode.CallTerminated, graceMs = 2_000 }: MoveServerOptions = {}) {
		const { pool } = this.context;
		const from = pool.serverFor(guild.id);
		const old = this.botSession(guild);
		const to = await pool.another(from);
		this.announceHumans(guild, to);
		pool.assign(guild.id, to);
		const { token } = to.expectSession({ guildId: guild.id, channelId: old.channelId, userId: old.userId, sessionId: old.sessionId });
		this.context.dispatch('VOICE_SERVER_UPDATE', { token, guild_id: guild.id, endpoint: to.endpoint });
		if (old.connected) await once(old, 'socketClosed', { signal: AbortSignal.timeout(graceMs) }).catch(() => undefined);
		from.endSession(guild.id, closeOldWith);
		return to;
	}

	/**
	 * A moderator drags the bot into `channel`, as Discord does it: the old voice connection is closed (4014), the bot's
	 * VOICE_STATE_UPDATE carries the new channel_id (same session_id), then VOICE_SERVER_UPDATE with a new token (and, with
	 * `otherServer`, another endpoint). @discordjs/voice goes Disconnected (4014) and, on VOICE_SERVER_UPDATE, connects again;
	 * with `order: 'events-first'` it connects to the new call before it could see the close.
	 */
	public async moveBot(guild: EmulatedGuild, channel: EmulatedChannel, options: MoveBotOptions = {}) {
		const { closeCode = VoiceCloseCode.Disconnected, otherServer = false, order = 'close-first', gapMs = 100 } = options;
		const { pool, botUserId } = this.context;
		if (!channel.isVoiceBased || guild.channel(channel.id) !== channel) throw new Error(`${channel.name} is no voice channel of ${guild.name}`);
		const old = this.botSession(guild);
		const from = pool.serverFor(guild.id);
		const to = otherServer ? await pool.another(from) : from;
		from.detachSession(guild.id);
		old.end();
		if (order === 'close-first') {
			const closed = old.connected ? once(old, 'socketClosed', { signal: AbortSignal.timeout(2_000) }).catch(() => undefined) : undefined;
			old.close(closeCode);
			await closed;
			await new Promise((resolve) => setTimeout(resolve, gapMs));
		}
		const state = guild.setVoiceState(botUserId, channel.id);
		this.announceHumans(guild, to);
		pool.assign(guild.id, to);
		const { token } = to.expectSession({ guildId: guild.id, channelId: channel.id, userId: botUserId, sessionId: state.sessionId });
		this.context.dispatch('VOICE_SERVER_UPDATE', { token, guild_id: guild.id, endpoint: to.endpoint });
		if (order === 'events-first') old.close(closeCode);
	}

	/** The bot's voice channel was deleted (Guild.removeChannel): Discord terminates the call (4022). */
	public channelDeleted(guild: EmulatedGuild, channelId: string, closeCode: number = VoiceCloseCode.CallTerminated): void {
		if (this.context.pool.sessionFor(guild.id)?.channelId === channelId) this.context.pool.endSession(guild.id, closeCode);
	}

	/** A UDP outage on the guild's voice server (see VoiceServer.dropUdp); `ms` Infinity lasts until restoreUdp. */
	public dropUdp(guild: EmulatedGuild, ms = Number.POSITIVE_INFINITY, options: UdpOutageOptions = {}): VoiceServer {
		const server = this.context.pool.serverFor(guild.id);
		server.dropUdp(ms, options);
		return server;
	}

	private botSession(guild: EmulatedGuild): VoiceSession {
		const session = this.context.pool.sessionFor(guild.id);
		if (!session || session.state === 'closed') throw new Error(`the bot has no voice connection in ${guild.name}`);
		return session;
	}

	/** A server that never saw this guild learns who is in voice there (its DAVE listeners). */
	private announceHumans(guild: EmulatedGuild, server: VoiceServer): void {
		for (const state of guild.voiceStates.values())
			if (state.userId !== this.context.botUserId) server.setMemberVoiceChannel(guild.id, state.userId, state.channelId);
	}
}
