import type { WebSocket } from 'ws';

/** Gateway v10 opcodes (Discord documentation). */
export const Op = {
	Dispatch: 0,
	Heartbeat: 1,
	Identify: 2,
	PresenceUpdate: 3,
	VoiceStateUpdate: 4,
	Resume: 6,
	Reconnect: 7,
	RequestGuildMembers: 8,
	InvalidSession: 9,
	Hello: 10,
	HeartbeatAck: 11
} as const;

/** Gateway close codes (Discord documentation). */
export const Close = {
	UnknownError: 4000,
	UnknownOpcode: 4001,
	DecodeError: 4002,
	NotAuthenticated: 4003,
	AuthenticationFailed: 4004,
	AlreadyAuthenticated: 4005,
	InvalidSeq: 4007,
	RateLimited: 4008,
	SessionTimedOut: 4009,
	InvalidShard: 4010,
	ShardingRequired: 4011,
	InvalidApiVersion: 4012,
	InvalidIntents: 4013,
	DisallowedIntents: 4014
} as const;

/** WebSocket's "abnormal closure": no close frame, the TCP connection just ends. Cannot be sent, only caused (terminate). */
export const AbnormalClosure = 1006;

/** Codes after which Discord forgets the session: the client must IDENTIFY again (a RESUME gets op 9). */
export const sessionEndingCloseCodes: ReadonlySet<number> = new Set([
	1000,
	1001,
	Close.AuthenticationFailed,
	Close.InvalidSeq,
	Close.SessionTimedOut,
	Close.InvalidShard,
	Close.ShardingRequired,
	Close.InvalidApiVersion,
	Close.InvalidIntents,
	Close.DisallowedIntents
]);

export function send(socket: WebSocket, payload: unknown): boolean {
	if (socket.readyState !== socket.OPEN) return false;
	socket.send(JSON.stringify(payload));
	return true;
}
