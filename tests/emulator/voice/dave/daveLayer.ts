import type { VoicePayload } from '../protocol.js';

/** What a DAVE layer may do on its session's voice gateway socket. */
export interface DaveLayerContext {
	userId: string;
	channelId: string;
	sendJson(op: number, d: unknown): void;
	sendBinary(op: number, payload: Buffer): void;
}

/**
 * The end-to-end encryption layer of one voice session (DAVE ops 21–31 live behind this interface).
 * The transport layer calls it after SESSION_DESCRIPTION, for every gateway message it does not handle itself,
 * and for every transport-decrypted Opus frame.
 */
export interface DaveLayer {
	readonly protocolVersion: number;
	start(): void;
	/** Returns true when the message belonged to DAVE. */
	handleJson(payload: VoicePayload): boolean;
	handleBinary(op: number, payload: Buffer): boolean;
	/** The Opus frame without end-to-end encryption, or null when it cannot be decrypted. */
	decryptFrame(frame: Buffer): Buffer | null;
	destroy(): void;
}

/** DAVE protocol version 0: frames are only transport-encrypted. */
export class PassthroughDaveLayer implements DaveLayer {
	public readonly protocolVersion = 0;

	public start(): void {
		// Nothing to negotiate without end-to-end encryption.
	}

	public handleJson(): boolean {
		return false;
	}

	public handleBinary(): boolean {
		return false;
	}

	public decryptFrame(frame: Buffer): Buffer {
		return frame;
	}

	public destroy(): void {
		// No state to release.
	}
}
