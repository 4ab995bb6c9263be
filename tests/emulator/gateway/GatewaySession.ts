import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';

export interface DispatchPayload {
	op: 0;
	t: string;
	s: number;
	d: unknown;
}

/** Dispatches kept for RESUME replay; far more than a test produces between a drop and the resume. */
const replayLimit = 5000;

/** One identified gateway session of the bot: its sequence, the dispatches it was sent (for RESUME), the socket it is on now. */
export class GatewaySession {
	public readonly id = randomBytes(16).toString('hex');
	public sequence = 0;
	public socket: WebSocket | undefined;
	public readonly announcedGuilds = new Set<string>();
	private readonly log: DispatchPayload[] = [];

	public constructor(public readonly intents: number) {}

	public record(event: string, data: unknown): DispatchPayload {
		const payload: DispatchPayload = { op: 0, t: event, s: ++this.sequence, d: data };
		this.log.push(payload);
		if (this.log.length > replayLimit) this.log.shift();
		return payload;
	}

	/** Dispatches after `sequence`, or undefined when some of them were already dropped (the session cannot resume). */
	public since(sequence: number): DispatchPayload[] | undefined {
		const missed = this.log.filter((payload) => payload.s > sequence);
		const oldestKept = this.log[0]?.s ?? this.sequence + 1;
		return sequence + 1 < oldestKept && missed.length > 0 && missed[0]!.s !== sequence + 1 ? undefined : missed;
	}
}
