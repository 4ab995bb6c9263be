import type { WebSocket } from 'ws';
import type { Json } from '../model/types.js';
import type { GatewaySession } from './GatewaySession.js';
import { AbnormalClosure, send } from './protocol.js';

/** One command (payload) the bot sent, with its arrival time (ms since the epoch). */
export interface GatewayCommand {
	op: number;
	d: unknown;
	at: number;
	/** The connection (socket) it came on: a session resumed on a new socket keeps its commands. */
	connectionId: number;
}

export interface CommandLimit {
	/** Commands a connection may send per window (Discord: 120). */
	count: number;
	/** Window length in ms (Discord: 60 s). */
	windowMs: number;
}

let connections = 0;

/** One WebSocket from the bot: its send budget, the session it is authenticated as (if any), and the faults set on it. */
export class GatewayConnection {
	public readonly id = ++connections;
	public readonly openedAt = Date.now();
	public session: GatewaySession | undefined;
	/** A zombie connection: heartbeats go unanswered and dispatches never arrive (they stay in the session's replay buffer). */
	public zombie = false;
	/** Set when the emulator closed the socket (a fault or a protocol error), not the bot. */
	public closedByServer: number | undefined;
	/** Commands sent before the connection is (again) bound to a session; the session takes them on IDENTIFY or RESUME. */
	public pending: GatewayCommand[] = [];
	private windowIndex = 0;
	private inWindow = 0;

	public constructor(
		public readonly socket: WebSocket,
		private readonly limit: () => CommandLimit
	) {}

	public get open(): boolean {
		return this.socket.readyState === this.socket.OPEN;
	}

	/** Counts a command against Discord's per-connection budget, in fixed windows from the moment the socket opened; false beyond it. */
	public spend(at: number): boolean {
		const { count, windowMs } = this.limit();
		const index = Math.floor((at - this.openedAt) / windowMs);
		if (index !== this.windowIndex) {
			this.windowIndex = index;
			this.inWindow = 0;
		}
		return ++this.inWindow <= count;
	}

	/** Records a command on its session, or keeps it until the connection authenticates. */
	public note(message: Json, at: number): void {
		const command: GatewayCommand = { op: Number(message.op), d: message.d, at, connectionId: this.id };
		if (this.session) this.session.commands.push(command);
		else this.pending.push(command);
	}

	public send(payload: unknown): boolean {
		return send(this.socket, payload);
	}

	/** Closes like Discord: with a close frame, or for 1006 by dropping the TCP connection without one. */
	public close(code: number, reason = ''): void {
		if (this.closedByServer !== undefined || this.socket.readyState >= this.socket.CLOSING) return;
		this.closedByServer = code;
		if (code === AbnormalClosure) this.socket.terminate();
		else this.socket.close(code, reason);
	}
}
