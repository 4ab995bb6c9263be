import {
	entersState,
	getVoiceConnection,
	joinVoiceChannel,
	VoiceConnectionDisconnectReason,
	VoiceConnectionStatus,
	type VoiceConnection
} from '@discordjs/voice';
import type { VoiceBasedChannel } from 'discord.js';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Log } from '#lib/logger/logger';
import { worthTelling, type QueuedJoin, type VoiceGatewayQueue } from '#lib/voice/VoiceGatewayQueue';

/**
 * Why a session ended. Everything but 'shutdown' ends it for good (its saved record is deleted); a shutdown keeps the
 * record so the next start resumes it.
 */
export type SessionEndReason = 'stopped' | 'idle' | 'stationDead' | 'kicked' | 'disconnected' | 'guildDeleted' | 'shutdown';

export interface VoiceConnectionsOptions {
	/** How long a join may take to reach Ready, once it went out to Discord, before we give up and tell the user. */
	joinTimeoutMs: number;
	/** Where joins wait for the shard's gateway budget. */
	gateway: VoiceGatewayQueue;
	/** How long a join may wait there before it is withdrawn (JoinQueuedTooLongError). */
	joinQueueWaitMs: number;
	/** Rejoin attempts after a voice disconnect, each waiting longer. */
	maxRejoinAttempts: number;
	log: Log;
}

interface VoiceConnectionsEvents {
	/** A guild's connection is gone for good: destroyed by us (with our reason) or given up by the recipe. */
	ended: [guildId: string, reason: SessionEndReason];
}

export class VoiceJoinError extends Error {
	public override readonly name: string = 'VoiceJoinError';
}

/** The join waited in the gateway queue (Discord's rate limit) longer than allowed; it was withdrawn, never sent. */
export class JoinQueuedTooLongError extends VoiceJoinError {
	public override readonly name = 'JoinQueuedTooLongError';
}

/** Told while a join waits in the gateway queue: at first, then as its place changes. */
export type JoinQueuedListener = (queued: QueuedJoin) => void;

/** The voice connections of the process and the @discordjs/voice reconnect recipe, with bounded, growing waits. */
export class VoiceConnections extends EventEmitter<VoiceConnectionsEvents> {
	/** Why a connection is being destroyed, for its Destroyed handler; absent means the connection gave up by itself. */
	private readonly endReasons = new Map<string, SessionEndReason>();
	/** The latest join ahead of play per guild (joinAhead): an older one's undo must not leave. */
	private readonly joinTickets = new Map<string, number>();
	private lastJoinTicket = 0;

	public constructor(private readonly options: VoiceConnectionsOptions) {
		super();
	}

	/** The guild's connection, if it is not destroyed. */
	public of(guildId: string): VoiceConnection | undefined {
		const connection = getVoiceConnection(guildId);
		return connection?.state.status === VoiceConnectionStatus.Destroyed ? undefined : connection;
	}

	/**
	 * Joins `channel` (or keeps the connection already there or on its way) and resolves once it is Ready; throws
	 * VoiceJoinError. While the join waits for the shard's gateway budget, `onQueued` hears its place.
	 */
	public async connect(channel: VoiceBasedChannel, onQueued?: JoinQueuedListener): Promise<VoiceConnection> {
		const existing = getVoiceConnection(channel.guild.id);
		// Already there, or on the way: joining again would make Discord start a new voice session for nothing, and a
		// burst of repeated /radio play could leave the connection between sessions.
		const alreadyThere =
			existing !== undefined &&
			existing.joinConfig.channelId === channel.id &&
			existing.state.status !== VoiceConnectionStatus.Destroyed &&
			existing.state.status !== VoiceConnectionStatus.Disconnected;
		const connection = alreadyThere
			? existing
			: joinVoiceChannel({
					channelId: channel.id,
					guildId: channel.guild.id,
					adapterCreator: this.options.gateway.adapterFor(channel.guild),
					selfDeaf: true
				});
		if (connection !== existing) this.watch(connection, channel.guild.id);
		if (!(await this.waitForGateway(channel.guild.id, onQueued))) {
			// Withdrawn: never sent, so nothing to leave; a move keeps the connection where it is.
			if (connection !== existing) connection.destroy();
			throw new JoinQueuedTooLongError(`the voice join waited over ${this.options.joinQueueWaitMs} ms for Discord's gateway rate limit`);
		}
		try {
			await entersState(connection, VoiceConnectionStatus.Ready, this.options.joinTimeoutMs);
			return connection;
		} catch (error) {
			// A connection that was already playing keeps its own reconnect recipe; only a new join is given up.
			if (!alreadyThere) connection.destroy();
			throw new VoiceJoinError(`voice connection did not become ready in ${this.options.joinTimeoutMs} ms`, { cause: error });
		}
	}

	/**
	 * Joins `channel` before anything plays there. `joined` rejects with VoiceJoinError. `undo`, for when nothing is to be
	 * played after all, leaves (or withdraws a join still waiting for the gateway), unless `kept()` says the guild plays
	 * by now or another join or play claimed the connection since.
	 */
	public joinAhead(channel: VoiceBasedChannel, onQueued: JoinQueuedListener | undefined, kept: () => boolean) {
		const guildId = channel.guild.id;
		const ticket = ++this.lastJoinTicket;
		this.joinTickets.set(guildId, ticket);
		const joined = this.connect(channel, onQueued).then(
			() => undefined,
			(error: unknown) => {
				if (this.joinTickets.get(guildId) === ticket) this.joinTickets.delete(guildId);
				throw error;
			}
		);
		const undo = () => {
			if (this.joinTickets.get(guildId) !== ticket || kept()) return;
			this.joinTickets.delete(guildId);
			this.destroy(guildId, 'stopped');
		};
		return { joined, undo };
	}

	/** A play took the guild's connection: an earlier joinAhead's undo no longer leaves. */
	public claim(guildId: string): void {
		this.joinTickets.delete(guildId);
	}

	/** Leaves voice in `guildId` for `reason` (emitted as `ended` if a connection was there). */
	public destroy(guildId: string, reason: SessionEndReason): void {
		const connection = getVoiceConnection(guildId);
		if (connection) this.destroyConnection(connection, guildId, reason);
	}

	/** Resolves true once the guild's join went out to Discord; false if it waited too long and was withdrawn. */
	private async waitForGateway(guildId: string, onQueued: JoinQueuedListener | undefined): Promise<boolean> {
		const { gateway, joinQueueWaitMs } = this.options;
		const first = gateway.position(guildId);
		if (!first) return true;
		this.options.log.info({ guildId, ahead: first.ahead, etaMs: first.etaMs }, 'voice join waits for the gateway rate limit');
		// The member is told once the wait is long enough to notice, and again only if the expected time slips: the
		// relative time they see counts down by itself, and each telling is a REST edit, which a thousand waiting joins
		// re-told every few seconds would spend the bot's whole REST budget on.
		let shownAt: number | null = null;
		const tell = (queued: QueuedJoin) => {
			const now = Date.now();
			if (!worthTelling(shownAt, queued, now)) return;
			shownAt = now + queued.etaMs;
			onQueued?.(queued);
		};
		tell(first);
		const report = setInterval(() => {
			const now = gateway.position(guildId);
			if (now) tell(now);
		}, 5_000);
		const giveUp = setTimeout(() => gateway.withdraw(guildId), joinQueueWaitMs);
		try {
			return await gateway.whenSent(guildId);
		} finally {
			clearInterval(report);
			clearTimeout(giveUp);
		}
	}

	private watch(connection: VoiceConnection, guildId: string): void {
		connection.on(VoiceConnectionStatus.Disconnected, async (_, state) => {
			if (state.reason === VoiceConnectionDisconnectReason.WebSocketClose && state.closeCode === 4014) {
				// Moved or kicked: if Discord is moving us it reconnects by itself soon, otherwise we were removed.
				try {
					await entersState(connection, VoiceConnectionStatus.Connecting, 5_000);
				} catch {
					this.destroyConnection(connection, guildId, 'kicked');
				}
				return;
			}
			if (connection.rejoinAttempts >= this.options.maxRejoinAttempts) {
				this.options.log.warn({ guildId, attempts: connection.rejoinAttempts }, 'voice rejoin budget spent: leaving');
				this.destroyConnection(connection, guildId, 'disconnected');
				return;
			}
			await sleep(Math.min(1_000 * 2 ** connection.rejoinAttempts, 10_000));
			if (connection.state.status === VoiceConnectionStatus.Disconnected) {
				this.options.log.info({ guildId, attempt: connection.rejoinAttempts + 1 }, 'rejoining voice');
				connection.rejoin();
			}
		});
		// @discordjs/voice rejoins at once, without limit, on most close codes; 4017 (DAVE required but not negotiated)
		// would never succeed, so it is fatal for this connection rather than a tight reconnect loop.
		const watched = new WeakSet<object>();
		connection.on('stateChange', (_, state) => {
			if (state.status !== VoiceConnectionStatus.Connecting || watched.has(state.networking)) return;
			const { networking } = state;
			watched.add(networking);
			// A join, a rejoin, or Discord moving the call to another voice server (VOICE_SERVER_UPDATE): the endpoint says which.
			const endpoint = 'connectionOptions' in networking.state ? networking.state.connectionOptions.endpoint : null;
			this.options.log.info({ guildId, endpoint }, 'connecting to a voice server');
			// @discordjs/voice resumes after some closes without a word: log every close of the connection in use, with its code.
			const watchSocket = (next: typeof networking.state) => {
				if (!('ws' in next) || watched.has(next.ws)) return;
				watched.add(next.ws);
				next.ws.on('close', ({ code }) => {
					const current = connection.state;
					// Our own leave, or the old server's socket after a move, says nothing new.
					if (current.status === VoiceConnectionStatus.Destroyed || ('networking' in current && current.networking !== networking)) return;
					this.options.log.warn({ guildId, code }, 'voice server closed the connection');
				});
			};
			watchSocket(networking.state);
			networking.on('stateChange', (_old, next) => watchSocket(next));
			networking.once('close', (code: number) => {
				if (code !== 4017) return;
				this.options.log.error(
					{ guildId, code },
					'voice server requires DAVE end-to-end encryption (close 4017) and this connection did not negotiate it: not rejoining'
				);
				this.destroyConnection(connection, guildId, 'kicked');
			});
		});
		connection.on(VoiceConnectionStatus.Destroyed, () => this.emit('ended', guildId, this.endReasons.get(guildId) ?? 'disconnected'));
		connection.on('error', (error) => this.options.log.warn({ err: error, guildId }, 'voice connection error'));
	}

	private destroyConnection(connection: VoiceConnection, guildId: string, reason: SessionEndReason): void {
		if (connection.state.status === VoiceConnectionStatus.Destroyed) return;
		this.endReasons.set(guildId, reason);
		connection.destroy();
		this.endReasons.delete(guildId);
	}
}
