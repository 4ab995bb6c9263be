import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { AudioTap } from './audioTap.js';
import type { CapturedAudio } from './capturedAudio.js';
import { PassthroughDaveLayer, type DaveFrame, type DaveGroupSnapshot, type DaveLayer } from './dave/daveLayer.js';
import { isResumableCloseCode, isSendableCloseCode, VoiceOp, type EncryptionMode, type VoicePayload } from './protocol.js';
import { ReceiveStatsRecorder, type VoiceReceiveStats } from './receiveStats.js';
import { parseRtpPacket, stripDecryptedPayload } from './rtp.js';
import { decryptTransport } from './transportCrypto.js';

export type VoiceSessionState = 'connecting' | 'ready' | 'closed';

export interface VoiceSessionIdentity {
	guildId: string;
	channelId: string;
	userId: string;
	sessionId: string;
}

const OPUS_SILENCE_FRAME = Buffer.from([0xf8, 0xff, 0xfe]);
// Messages kept for replay on RESUME: far more than a session sends between heartbeats.
const REPLAY_BUFFER_SIZE = 200;

/**
 * The bot's side of one voice connection as the emulated voice server sees it: gateway state, transport keys,
 * and the audio received on its SSRC. Emits 'ready', 'closed', 'speaking', 'socketClosed' (close code) and 'daveGroup'
 * (DaveGroupSnapshot, after each executed DAVE transition or group reset).
 */
export class VoiceSession extends EventEmitter {
	public readonly guildId: string;
	public readonly channelId: string;
	public readonly userId: string;
	public readonly sessionId: string;
	public readonly token = randomBytes(16).toString('hex');
	public state: VoiceSessionState = 'connecting';
	public mode: EncryptionMode | undefined;
	public speaking = false;
	/** IDENTIFYs and successful RESUMEs on this session, to tell a resume from a rejoin. */
	public identifies = 0;
	public resumes = 0;
	/** Close codes of this session's sockets, in order (1006 for a terminated socket). */
	public readonly closeCodes: number[] = [];
	/** max_dave_protocol_version from the last IDENTIFY: 1 when the client has @snazzah/davey. */
	public clientMaxDaveProtocolVersion: number | undefined;
	/** The UDP address the client announced in SELECT_PROTOCOL. */
	public clientAddress: { address: string; port: number } | undefined;
	private secretKey: Buffer | undefined;
	private dave: DaveLayer = new PassthroughDaveLayer();
	private socket: WebSocket | undefined;
	private sequence = 0;
	private readonly sent: VoicePayload[] = [];
	private readonly recorder = new ReceiveStatsRecorder();
	private readonly tap = new AudioTap();

	/** Counts packets for the decryptOneIn sample. */
	private receivedForSampling = 0;

	public constructor(
		identity: VoiceSessionIdentity,
		public readonly ssrc: number,
		/** Fully decrypt one audio packet in this many (1: all); the others are only counted (see VoiceServerOptions). */
		private readonly decryptOneIn = 1
	) {
		super();
		this.guildId = identity.guildId;
		this.channelId = identity.channelId;
		this.userId = identity.userId;
		this.sessionId = identity.sessionId;
	}

	public get daveProtocolVersion(): number {
		return this.dave.protocolVersion;
	}

	/** The DAVE group as the emulated voice server sees it (epoch, listeners in it, transitions, errors). */
	public get daveGroup(): DaveGroupSnapshot {
		return this.dave.group;
	}

	/** Resolves once the DAVE group satisfies `predicate` (checked now and after every transition). */
	public waitForDaveGroup(predicate: (group: DaveGroupSnapshot) => boolean, timeoutMs: number): Promise<DaveGroupSnapshot> {
		if (predicate(this.dave.group)) return Promise.resolve(this.dave.group);
		return new Promise((resolve, reject) => {
			const onGroup = (group: DaveGroupSnapshot) => {
				if (!predicate(group)) return;
				clearTimeout(timer);
				this.off('daveGroup', onGroup);
				resolve(group);
			};
			const timer = setTimeout(() => {
				this.off('daveGroup', onGroup);
				reject(
					new Error(
						`DAVE group not as expected within ${timeoutMs} ms: ${JSON.stringify(this.dave.group, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`
					)
				);
			}, timeoutMs);
			this.on('daveGroup', onGroup);
		});
	}

	public get stats(): VoiceReceiveStats {
		return this.recorder.snapshot();
	}

	/** Starts a new receive-stats window (counts and intervals from now), e.g. after a benchmark's warm-up. */
	public resetStats(): void {
		this.recorder.reset();
	}

	/** Milliseconds between consecutive packets in the current stats window, raw (for percentiles across sessions). */
	public get packetIntervalsMs(): readonly number[] {
		return this.recorder.intervals;
	}

	/** performance.now() when the session's first audio packet arrived; undefined before. */
	public get firstPacketAtMs(): number | undefined {
		return this.recorder.firstArrivalMs;
	}

	/**
	 * Collects `ms` of the bot's audio (see AudioTap.capture); waits up to `waitForAudioMs` for audio to start.
	 * With DAVE, frames are decrypted by an emulated listener: `listener` (a user id in the group) or the first one.
	 */
	public capture(ms: number, { waitForAudioMs = 10_000, listener }: { waitForAudioMs?: number; listener?: string } = {}): Promise<CapturedAudio> {
		return this.tap.capture(ms, { waitForAudioMs, listener });
	}

	/** Resolves when the next audible Opus frame arrives (readable by the default listener when DAVE-encrypted). */
	public async waitForAudio(timeoutMs: number): Promise<void> {
		await this.tap.nextFrame(timeoutMs);
	}

	/** Resolves at the next frame that is DAVE-encrypted and that every listener in the group decrypts. */
	public waitForDaveAudio(timeoutMs: number): Promise<DaveFrame> {
		return this.tap.nextFrame(timeoutMs, (frame) => frame.e2ee && frame.byListener.size > 0 && [...frame.byListener.values()].every(Boolean));
	}

	public waitUntilReady(timeoutMs: number): Promise<void> {
		if (this.state === 'ready') return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.off('ready', onReady);
				reject(new Error(`Voice session for guild ${this.guildId} not ready within ${timeoutMs} ms (state ${this.state})`));
			}, timeoutMs);
			const onReady = () => {
				clearTimeout(timer);
				resolve();
			};
			this.once('ready', onReady);
		});
	}

	/**
	 * Closes the bot's voice gateway socket like Discord would, with any code a server can send: 1000-1003, 1007-1014,
	 * 3000-4999; 1005 is a close frame without a code and 1006 drops the connection without one.
	 * After 4015 or codes below 4000 the session waits for a RESUME; after any other code it is over.
	 */
	public close(code: number): void {
		if (!isSendableCloseCode(code)) throw new Error(`Voice emulator: a server cannot close a WebSocket with code ${code}`);
		if (isResumableCloseCode(code)) this.setState('connecting');
		else this.end();
		const { socket } = this;
		if (!socket) return;
		if (code === 1006) socket.terminate();
		else if (code === 1005) socket.close();
		else socket.close(code);
	}

	/** @internal The session was replaced or the bot left the channel: no RESUME is accepted any more. */
	public end(): void {
		this.dave.destroy();
		this.setState('closed');
	}

	/** @internal */
	public attachSocket(socket: WebSocket): void {
		if (this.socket && this.socket !== socket) this.socket.terminate();
		this.socket = socket;
	}

	/** @internal */
	public socketClosed(socket: WebSocket, code: number): void {
		if (socket !== this.socket) return;
		this.socket = undefined;
		this.closeCodes.push(code);
		if (this.state === 'ready') this.setState('connecting');
		this.emit('socketClosed', code);
	}

	/** Whether the client holds a voice gateway socket to this session. */
	public get connected(): boolean {
		return this.socket !== undefined;
	}

	/** @internal Sends a sequenced JSON message (kept for replay on RESUME). */
	public send(op: number, d: unknown): void {
		const payload: VoicePayload = { op, d, seq: ++this.sequence };
		this.sent.push(payload);
		if (this.sent.length > REPLAY_BUFFER_SIZE) this.sent.shift();
		if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(payload));
	}

	/** @internal Sends a sequenced binary message: 2-byte seq, 1-byte op, payload. */
	public sendBinary(op: number, payload: Buffer): void {
		const header = Buffer.alloc(3);
		header.writeUInt16BE(++this.sequence & 0xffff, 0);
		header.writeUInt8(op, 2);
		if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(Buffer.concat([header, payload]));
	}

	/** @internal After IDENTIFY: a fresh handshake on this session. */
	public identified(dave: DaveLayer, clientMaxDaveProtocolVersion: number): void {
		this.identifies++;
		this.clientMaxDaveProtocolVersion = clientMaxDaveProtocolVersion;
		this.dave.destroy();
		this.dave = dave;
	}

	/** @internal Answers SELECT_PROTOCOL with SESSION_DESCRIPTION; the session is then ready for audio. */
	public describe(mode: EncryptionMode, clientAddress: { address: string; port: number }): void {
		this.mode = mode;
		this.clientAddress = clientAddress;
		this.secretKey = randomBytes(32);
		this.send(VoiceOp.SessionDescription, {
			audio_codec: 'opus',
			video_codec: 'H264',
			media_session_id: randomBytes(16).toString('hex'),
			mode,
			secret_key: [...this.secretKey],
			dave_protocol_version: this.dave.protocolVersion
		});
		this.dave.start();
		this.setState('ready');
	}

	/** @internal Replays what the client missed, then RESUMED. */
	public resumed(seqAck: number): void {
		for (const payload of this.sent) {
			if ((payload.seq ?? 0) > seqAck && this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(payload));
		}
		this.resumes++;
		this.send(VoiceOp.Resumed, null);
		this.setState(this.mode ? 'ready' : 'connecting');
	}

	/** @internal A human joined the bot's channel. */
	public memberJoined(userId: string): void {
		if (this.state !== 'closed') this.dave.memberJoined(userId);
	}

	/** @internal A human left the bot's channel. */
	public memberLeft(userId: string): void {
		if (this.state !== 'closed') this.dave.memberLeft(userId);
	}

	/** @internal */
	public setSpeaking(speaking: boolean): void {
		this.speaking = speaking;
		this.emit('speaking', speaking);
	}

	/** @internal DAVE messages and anything else the handshake does not handle. */
	public handleOtherJson(payload: VoicePayload): boolean {
		return this.dave.handleJson(payload);
	}

	/** @internal */
	public handleBinary(op: number, payload: Buffer): boolean {
		return this.dave.handleBinary(op, payload);
	}

	/** @internal An RTP packet for this session arrived during a UDP outage and was thrown away. */
	public audioPacketDropped(): void {
		this.recorder.droppedPackets++;
	}

	/** @internal An RTP packet that arrived on this session's SSRC. */
	public receiveAudioPacket(datagram: Buffer): void {
		// Sampling: most packets are only counted (sequence, size, arrival), so a thousand sessions cost the emulator little.
		if (this.decryptOneIn > 1 && this.receivedForSampling++ % this.decryptOneIn !== 0) {
			this.tap.packet(this.recorder.recordPacket(datagram.readUInt16BE(2), datagram.length, performance.now()));
			return;
		}
		const packet = parseRtpPacket(datagram);
		if (!packet) return;
		this.tap.packet(this.recorder.recordPacket(packet.sequence, datagram.length, performance.now()));
		this.recorder.decrypted++;
		const payload = this.decryptTransport(packet);
		if (!payload) {
			this.recorder.decryptFailures++;
			this.tap.decryptFailure();
			return;
		}
		// Silence frames are never end-to-end encrypted (DAVE passes them through).
		if (payload.equals(OPUS_SILENCE_FRAME)) return;
		const frame = this.dave.decryptFrame(payload);
		if (frame.e2ee) this.recorder.daveFrames++;
		else this.recorder.passthroughFrames++;
		this.tap.frame(frame);
	}

	private decryptTransport(packet: NonNullable<ReturnType<typeof parseRtpPacket>>): Buffer | null {
		if (!this.mode || !this.secretKey) return null;
		try {
			return stripDecryptedPayload(packet, decryptTransport(this.mode, this.secretKey, packet));
		} catch {
			return null;
		}
	}

	private setState(state: VoiceSessionState): void {
		if (this.state === state || this.state === 'closed') return;
		this.state = state;
		this.emit(state);
	}
}
