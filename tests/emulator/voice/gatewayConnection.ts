import type { RawData, WebSocket } from 'ws';
import { negotiateDave } from './dave/negotiation.js';
import { VoiceCloseCode, VoiceOp, type DavePolicy, type EncryptionMode, type VoicePayload } from './protocol.js';
import type { VoiceSession } from './voiceSession.js';

/** What a gateway connection needs from its server. */
export interface VoiceSessionDirectory {
	findByToken(token: string): VoiceSession | undefined;
	readonly udpPort: number;
	readonly modes: readonly EncryptionMode[];
	readonly davePolicy: DavePolicy;
	readonly heartbeatIntervalMs: number;
	/** False while the server plays dead: heartbeats get no op 6. */
	readonly acknowledgeHeartbeats: boolean;
	/** Humans in a voice channel (the bot excluded), for DAVE's op 11 and the emulated listeners. */
	membersIn(guildId: string, channelId: string): readonly string[];
	/** An IDENTIFY was refused by the DAVE policy (4017). */
	identifyRejected(session: VoiceSession, closeCode: number): void;
}

interface IdentifyData {
	server_id: string;
	user_id: string;
	session_id: string;
	token: string;
	max_dave_protocol_version?: number;
}

interface ResumeData {
	server_id: string;
	session_id: string;
	token: string;
	seq_ack?: number;
}

interface SelectProtocolData {
	protocol: string;
	data: { address: string; port: number; mode: string };
}

/** One voice gateway v8 socket: HELLO, then IDENTIFY or RESUME binds it to a session. */
export class VoiceGatewayConnection {
	private session: VoiceSession | undefined;

	public constructor(
		private readonly socket: WebSocket,
		private readonly directory: VoiceSessionDirectory
	) {
		socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
		socket.on('close', (code) => this.session?.socketClosed(socket, code));
		socket.on('error', () => undefined);
		this.sendUnsequenced(VoiceOp.Hello, { v: 8, heartbeat_interval: directory.heartbeatIntervalMs });
	}

	private onMessage(data: RawData, isBinary: boolean): void {
		const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
		if (isBinary) {
			if (!this.session) return this.socket.close(VoiceCloseCode.NotAuthenticated);
			this.session.handleBinary(buffer.readUInt8(0), buffer.subarray(1));
			return;
		}
		let payload: VoicePayload;
		try {
			payload = JSON.parse(buffer.toString('utf8')) as VoicePayload;
		} catch {
			return this.socket.close(VoiceCloseCode.DecodeError);
		}
		this.onPayload(payload);
	}

	private onPayload(payload: VoicePayload): void {
		switch (payload.op) {
			case VoiceOp.Heartbeat:
				if (!this.directory.acknowledgeHeartbeats) return;
				return this.sendUnsequenced(VoiceOp.HeartbeatAck, { t: (payload.d as { t?: number } | null)?.t });
			case VoiceOp.Identify:
				return this.identify(payload.d as IdentifyData);
			case VoiceOp.Resume:
				return this.resume(payload.d as ResumeData);
		}
		if (!this.session) return this.socket.close(VoiceCloseCode.NotAuthenticated);
		switch (payload.op) {
			case VoiceOp.SelectProtocol:
				return this.selectProtocol(payload.d as SelectProtocolData);
			case VoiceOp.Speaking:
				return this.session.setSpeaking(((payload.d as { speaking?: number }).speaking ?? 0) !== 0);
			default:
				this.session.handleOtherJson(payload);
		}
	}

	private identify(data: IdentifyData): void {
		const session = this.directory.findByToken(data.token);
		if (!session || session.guildId !== data.server_id || session.userId !== data.user_id || session.sessionId !== data.session_id) {
			return this.socket.close(VoiceCloseCode.AuthenticationFailed);
		}
		if (session.state === 'closed') return this.socket.close(VoiceCloseCode.SessionNoLongerValid);
		const negotiation = negotiateDave(this.directory.davePolicy, data.max_dave_protocol_version ?? 0, {
			userId: session.userId,
			channelId: session.channelId,
			sendJson: (op, d) => session.send(op, d),
			sendBinary: (op, payload) => session.sendBinary(op, payload),
			channelMembers: () => this.directory.membersIn(session.guildId, session.channelId),
			groupChanged: (group) => session.emit('daveGroup', group)
		});
		if ('rejectWith' in negotiation) {
			this.directory.identifyRejected(session, negotiation.rejectWith);
			return this.socket.close(negotiation.rejectWith);
		}
		this.session = session;
		session.attachSocket(this.socket);
		session.identified(negotiation.layer, data.max_dave_protocol_version ?? 0);
		session.send(VoiceOp.Ready, {
			ssrc: session.ssrc,
			ip: '127.0.0.1',
			port: this.directory.udpPort,
			modes: this.directory.modes,
			experiments: []
		});
	}

	private resume(data: ResumeData): void {
		const session = this.directory.findByToken(data.token);
		// An ended session's token is forgotten: resuming it is a stale session, not a bad login.
		if (!session || session.state === 'closed') return this.socket.close(VoiceCloseCode.SessionNoLongerValid);
		if (session.guildId !== data.server_id || session.sessionId !== data.session_id)
			return this.socket.close(VoiceCloseCode.AuthenticationFailed);
		this.session = session;
		session.attachSocket(this.socket);
		session.resumed(data.seq_ack ?? -1);
	}

	private selectProtocol(data: SelectProtocolData): void {
		const mode = this.directory.modes.find((candidate) => candidate === data.data.mode);
		if (data.protocol !== 'udp' || !mode) return this.socket.close(VoiceCloseCode.UnknownEncryptionMode);
		this.session!.describe(mode, { address: data.data.address, port: data.data.port });
	}

	private sendUnsequenced(op: number, d: unknown): void {
		this.socket.send(JSON.stringify({ op, d }));
	}
}
