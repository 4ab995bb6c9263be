import { randomBytes } from 'node:crypto';
import type { Json } from '../model/types.js';
import type { GatewayCommand, GatewayConnection } from './GatewayConnection.js';
import { isWanted } from './intents.js';
import { Close, Op, sessionEndingCloseCodes } from './protocol.js';
import { shardOf } from './sharding.js';

export interface DispatchPayload {
	op: 0;
	t: string;
	s: number;
	d: unknown;
}

export interface ResumeRecord {
	at: number;
	/** The sequence the bot said it had seen last. */
	seq: number;
	/** How many dispatches the emulator replayed (those after `seq`). */
	replayed: number;
}

/** Dispatches kept for RESUME replay; far more than a test produces between a drop and the resume. */
const replayLimit = 5000;

/**
 * One identified gateway session (one shard of one bot process): its shard, its sequence and the dispatches it was sent
 * (for RESUME), the connection it is on now, every command it received, and the faults a test can inject into it.
 */
export class GatewaySession {
	public readonly id = randomBytes(16).toString('hex');
	public readonly identifiedAt = Date.now();
	public sequence = 0;
	public connection: GatewayConnection | undefined;
	/** Guilds this session was sent GUILD_CREATE for (and no GUILD_DELETE since). */
	public readonly announcedGuilds = new Set<string>();
	/** Every command the bot sent on this session, on every connection it had, with arrival times. */
	public readonly commands: GatewayCommand[] = [];
	/** Op 4 payloads for guilds of another shard: Discord ignores those. */
	public readonly ignoredVoiceStateUpdates: Json[] = [];
	public readonly resumes: ResumeRecord[] = [];
	/** Each time a connection of this session closed: when, with which code, and whether the emulator closed it. */
	public readonly disconnects: { at: number; code: number; byServer: boolean }[] = [];
	/** Why the session can no longer be resumed (undefined while it can). */
	public endedBecause: string | undefined;
	private readonly log: DispatchPayload[] = [];
	private closeAfter: { remaining: number; code: number } | undefined;

	public constructor(
		public readonly intents: number,
		public readonly shardId = 0,
		public readonly shardCount = 1
	) {}

	public get shard(): [number, number] {
		return [this.shardId, this.shardCount];
	}

	public get ended(): boolean {
		return this.endedBecause !== undefined;
	}

	public get connected(): boolean {
		return this.connection?.open ?? false;
	}

	/** The socket it is on now (undefined while disconnected). */
	public get socket() {
		return this.connection?.socket;
	}

	/** What the bot sent on this session, as payloads. */
	public get received(): Json[] {
		return this.commands.map(({ op, d }) => ({ op, d }));
	}

	/** The dispatches sent (or lost in transit) on this session, as far back as the replay buffer reaches. */
	public get dispatches(): readonly DispatchPayload[] {
		return this.log;
	}

	/** Op 4 (voice state update) commands with their arrival times. */
	public get voiceStateUpdates(): GatewayCommand[] {
		return this.commands.filter((command) => command.op === Op.VoiceStateUpdate);
	}

	/** Whether this session's own `[shard_id, num_shards]` routes the guild to it. */
	public owns(guildId: string): boolean {
		return shardOf(guildId, this.shardCount) === this.shardId;
	}

	/** Sends a dispatch (if its intent was asked for); kept for replay; lost in transit while disconnected or zombie. */
	public dispatch(event: string, data: unknown): void {
		if (!isWanted(event, this.intents)) return;
		const payload: DispatchPayload = { op: 0, t: event, s: ++this.sequence, d: data };
		this.log.push(payload);
		if (this.log.length > replayLimit) this.log.shift();
		const { connection } = this;
		if (!connection || connection.zombie || !connection.send(payload)) return;
		if (this.closeAfter && --this.closeAfter.remaining <= 0) {
			const { code } = this.closeAfter;
			this.closeAfter = undefined;
			this.close(code);
		}
	}

	/** Dispatches after `sequence`, or undefined when some of them were already dropped from the buffer (the session cannot resume). */
	public since(sequence: number): DispatchPayload[] | undefined {
		const oldestKept = this.log[0]?.s ?? this.sequence + 1;
		if (sequence + 1 < oldestKept) return undefined;
		return this.log.filter((payload) => payload.s > sequence);
	}

	public attach(connection: GatewayConnection): void {
		this.connection = connection;
		connection.session = this;
		this.commands.push(...connection.pending);
		connection.pending = [];
	}

	public detach(): void {
		if (this.connection?.session === this) this.connection.session = undefined;
		this.connection = undefined;
	}

	public end(reason: string): void {
		this.endedBecause ??= reason;
		this.closeAfter = undefined;
	}

	// Faults a test injects while the bot is connected.

	/** Op 7: Discord asks the client to reconnect and resume. */
	public reconnect(): void {
		this.connection?.send({ op: Op.Reconnect, d: null });
	}

	/**
	 * Op 9 on the live connection. Resumable (`true`): the client may RESUME (discord.js does, on the same socket) and gets
	 * what it missed; not resumable: the session is gone and the client must IDENTIFY anew.
	 */
	public invalidate(resumable: boolean): void {
		const { connection } = this;
		this.detach();
		if (!resumable) this.end('op 9 invalid session');
		connection?.send({ op: Op.InvalidSession, d: resumable });
	}

	/** Stops answering heartbeats on the current connection, and its dispatches stop arriving: a zombie connection. */
	public stopHeartbeatAcks(): void {
		if (this.connection) this.connection.zombie = true;
	}

	/**
	 * Closes the socket with `code` (1006: drops it without a close frame). The session stays resumable unless `resumable`
	 * says otherwise; by default it ends for the codes after which Discord forgets it (4009 session timed out, 4007, 1000…).
	 */
	public close(code: number = Close.UnknownError, { resumable }: { resumable?: boolean } = {}): void {
		if (!(resumable ?? !sessionEndingCloseCodes.has(code))) this.end(`closed with ${code}`);
		this.connection?.close(code, 'emulator fault');
	}

	/** Closes the socket with `code` right after the next `count` dispatches were sent: those after it must come back by RESUME. */
	public closeAfterDispatches(count: number, code: number = Close.UnknownError): void {
		this.closeAfter = { remaining: count, code };
	}
}
