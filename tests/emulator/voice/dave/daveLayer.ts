import type { VoicePayload } from '../protocol.js';

/** What a DAVE layer may do on its session's voice gateway socket, and what it knows of the channel. */
export interface DaveLayerContext {
	/** The bot: the sender of the frames the listeners decrypt. */
	userId: string;
	channelId: string;
	sendJson(op: number, d: unknown): void;
	sendBinary(op: number, payload: Buffer): void;
	/** Humans currently in the channel (the bot excluded). */
	channelMembers(): readonly string[];
	/** Called after each executed transition or group reset. */
	groupChanged(group: DaveGroupSnapshot): void;
}

/** One transport-decrypted audio frame after the end-to-end layer. */
export interface DaveFrame {
	/** True when the frame was DAVE-encrypted (carries the 0xFAFA trailer), false for a passthrough (plain Opus) frame. */
	e2ee: boolean;
	/** The frame as it came out of transport decryption. */
	payload: Buffer;
	/** Opus for the default listener (the first one in the group), or the payload itself when passthrough; null when undecryptable. */
	opus: Buffer | null;
	/** Opus as each listener in the group decrypted it (null: that listener could not). */
	byListener: ReadonlyMap<string, Buffer | null>;
}

/** The MLS group as the emulated voice server sees it. */
export interface DaveGroupSnapshot {
	/** Epoch of the group after the last executed transition; null while the bot has no established group. */
	epoch: bigint | null;
	/** Emulated listeners in the group (user ids, join order). */
	listeners: string[];
	/** Transitions executed (op 22 sent) since the session started. */
	executedTransitions: number;
	/** Sole-member resets (op 24 epoch 1) since the session started. */
	soleMemberResets: number;
	/** dave_mls_invalid_commit_welcome (op 31) messages from the bot. */
	invalidCommitWelcomes: number;
	/** Welcomes, commits or op 28 payloads the emulator could not process (empty when the bot speaks DAVE correctly). */
	errors: string[];
}

/**
 * The end-to-end encryption layer of one voice session (DAVE ops 21–31 live behind this interface).
 * The transport layer calls it after SESSION_DESCRIPTION, for every gateway message it does not handle itself,
 * for every transport-decrypted Opus frame, and when humans join or leave the bot's channel.
 */
export interface DaveLayer {
	readonly protocolVersion: number;
	readonly group: DaveGroupSnapshot;
	start(): void;
	/** Returns true when the message belonged to DAVE. */
	handleJson(payload: VoicePayload): boolean;
	handleBinary(op: number, payload: Buffer): boolean;
	decryptFrame(frame: Buffer): DaveFrame;
	memberJoined(userId: string): void;
	memberLeft(userId: string): void;
	destroy(): void;
}

const noListeners: ReadonlyMap<string, Buffer | null> = new Map();

/** DAVE protocol version 0: frames are only transport-encrypted. */
export class PassthroughDaveLayer implements DaveLayer {
	public readonly protocolVersion = 0;
	public readonly group: DaveGroupSnapshot = {
		epoch: null,
		listeners: [],
		executedTransitions: 0,
		soleMemberResets: 0,
		invalidCommitWelcomes: 0,
		errors: []
	};

	public start(): void {
		// Nothing to negotiate without end-to-end encryption.
	}

	public handleJson(): boolean {
		return false;
	}

	public handleBinary(): boolean {
		return false;
	}

	public decryptFrame(frame: Buffer): DaveFrame {
		return { e2ee: false, payload: frame, opus: frame, byListener: noListeners };
	}

	public memberJoined(): void {
		// Version 0 has no group to change.
	}

	public memberLeft(): void {
		// Version 0 has no group to change.
	}

	public destroy(): void {
		// No state to release.
	}
}
