/** Voice gateway v8 opcodes, as @discordjs/voice 0.19 (discord-api-types/voice/v8) numbers them. */
export const VoiceOp = {
	Identify: 0,
	SelectProtocol: 1,
	Ready: 2,
	Heartbeat: 3,
	SessionDescription: 4,
	Speaking: 5,
	HeartbeatAck: 6,
	Resume: 7,
	Hello: 8,
	Resumed: 9,
	ClientsConnect: 11,
	ClientDisconnect: 13,
	DavePrepareTransition: 21,
	DaveExecuteTransition: 22,
	DaveTransitionReady: 23,
	DavePrepareEpoch: 24,
	DaveMlsExternalSender: 25,
	DaveMlsKeyPackage: 26,
	DaveMlsProposals: 27,
	DaveMlsCommitWelcome: 28,
	DaveMlsAnnounceCommitTransition: 29,
	DaveMlsWelcome: 30,
	DaveMlsInvalidCommitWelcome: 31
} as const;

/** Close codes of Discord's voice gateway that the emulator uses. */
export const VoiceCloseCode = {
	UnknownOpcode: 4001,
	DecodeError: 4002,
	NotAuthenticated: 4003,
	AuthenticationFailed: 4004,
	SessionNoLongerValid: 4006,
	Disconnected: 4014,
	VoiceServerCrashed: 4015,
	UnknownEncryptionMode: 4016,
	E2eeRequired: 4017,
	/** Disconnect all clients: the call ended (channel deleted, voice server changed). Should not reconnect. */
	CallTerminated: 4022
} as const;

export const encryptionModes = ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'] as const;
export type EncryptionMode = (typeof encryptionModes)[number];

/** required: clients without DAVE are closed with 4017; offered: DAVE when the client supports it; off: protocol version 0. */
export type DavePolicy = 'required' | 'offered' | 'off';
export const davePolicies: readonly DavePolicy[] = ['required', 'offered', 'off'];

/** A JSON message on the voice gateway. */
export interface VoicePayload {
	op: number;
	d: unknown;
	seq?: number;
}

/** The client library resumes after these codes (Networking.onWsClose); any other code ends the session. */
export function isResumableCloseCode(code: number): boolean {
	return code === VoiceCloseCode.VoiceServerCrashed || code < 4000;
}

/** Codes a WebSocket server may put in a close frame (RFC 6455, ws), plus 1005 (no code) and 1006 (no close frame). */
export function isSendableCloseCode(code: number): boolean {
	if (!Number.isInteger(code)) return false;
	return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1015) || (code >= 3000 && code <= 4999);
}
