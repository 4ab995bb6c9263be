import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter, once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { VoiceGatewayConnection, type VoiceSessionDirectory } from './gatewayConnection.js';
import { buildIpDiscoveryResponse, parseIpDiscoveryRequest } from './ipDiscovery.js';
import { davePolicies, VoiceCloseCode, type DavePolicy, type EncryptionMode } from './protocol.js';
import { isRtpAudio } from './rtp.js';
import { loadTestTlsMaterial } from './tls.js';
import { UdpOutage, type UdpOutageOptions } from './udpOutage.js';
import { VoiceSession, type VoiceSessionIdentity } from './voiceSession.js';

export interface VoiceServerOptions {
	/** Encryption modes offered in READY, in order of preference (the client takes the first it supports). */
	modes?: EncryptionMode[];
	/**
	 * DAVE end-to-end encryption (default 'off' here; DiscordEmulator defaults to 'required'): 'required' closes clients
	 * without DAVE with 4017, 'offered' negotiates DAVE protocol version 1 with clients that support it, 'off' is version 0.
	 */
	dave?: DavePolicy;
	/** HELLO's heartbeat_interval; Discord sends about 13.75 s. */
	heartbeatIntervalMs?: number;
	/**
	 * Sampling mode for load benchmarks: every audio packet is counted (sequence, size, arrival time) but only one in
	 * this many is decrypted (transport, then DAVE by the emulated listeners), so 50,000 packets/s cost the emulator
	 * little. Captures and waitForAudio() then see only the sampled frames. Default 1: every packet is decrypted.
	 */
	decryptOneIn?: number;
}

/** Receive buffer asked for the UDP socket (the kernel caps it at net.core.rmem_max): the default ~200 KiB holds only a few ms of 1,000 sessions' audio. */
const UdpReceiveBufferBytes = 4 * 1024 * 1024;

/**
 * Discord's voice server for @discordjs/voice 0.19: voice gateway v8 over wss on 127.0.0.1 and one UDP socket
 * for IP discovery and RTP audio. The emulated main gateway calls expectSession() when the bot joins a channel.
 * Emits 'sessionReady' (VoiceSession) and 'identifyRejected' (VoiceSession, close code).
 * Humans in voice channels (setMemberVoiceChannel) become emulated DAVE listeners of the bot's session in that channel.
 */
export class VoiceServer extends EventEmitter implements VoiceSessionDirectory {
	public readonly modes: readonly EncryptionMode[];
	public readonly davePolicy: DavePolicy;
	public readonly heartbeatIntervalMs: number;
	public readonly decryptOneIn: number;
	/** IDENTIFYs closed because of the DAVE policy (4017), in order. */
	public readonly rejectedIdentifies: { guildId: string; userId: string; closeCode: number }[] = [];
	/** UDP faults: `dropUdp()` starts an outage; its counters say what was thrown away. */
	public readonly udpOutage = new UdpOutage();
	/** False: heartbeats go unacknowledged (a hung voice server); @discordjs/voice closes the socket after 3 missed acks. */
	public acknowledgeHeartbeats = true;
	private readonly sessionsByGuild = new Map<string, VoiceSession>();
	private readonly sessionsByToken = new Map<string, VoiceSession>();
	private readonly sessionsBySsrc = new Map<number, VoiceSession>();
	/** guild id → user id → voice channel id, for humans (not the bot). */
	private readonly memberChannels = new Map<string, Map<string, string>>();
	private nextSsrc = randomInt(1, 2 ** 31);

	private constructor(
		private readonly https: Server,
		private readonly websockets: WebSocketServer,
		private readonly udp: Socket,
		options: VoiceServerOptions
	) {
		super();
		this.modes = options.modes ?? ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'];
		this.davePolicy = options.dave ?? 'off';
		this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 13_750;
		this.decryptOneIn = options.decryptOneIn ?? 1;
		websockets.on('connection', (socket, request) => {
			// @discordjs/voice 0.19 speaks voice gateway v8 only.
			if (new URL(request.url ?? '/', 'wss://voice').searchParams.get('v') === '8') new VoiceGatewayConnection(socket, this);
			else socket.close(VoiceCloseCode.DecodeError);
		});
		udp.on('message', (datagram, remote) => this.onDatagram(datagram, remote));
	}

	/** '127.0.0.1:PORT', the VOICE_SERVER_UPDATE endpoint. */
	public get endpoint(): string {
		return `127.0.0.1:${(this.https.address() as AddressInfo).port}`;
	}

	public get udpPort(): number {
		return this.udp.address().port;
	}

	/** Registers the session the bot will IDENTIFY with; replaces (ends) the guild's previous one. */
	public expectSession(identity: VoiceSessionIdentity): { token: string } {
		this.endSession(identity.guildId);
		const session = new VoiceSession(identity, this.allocateSsrc(), this.decryptOneIn);
		this.sessionsByGuild.set(session.guildId, session);
		this.sessionsByToken.set(session.token, session);
		this.sessionsBySsrc.set(session.ssrc, session);
		session.on('ready', () => this.emit('sessionReady', session));
		return { token: session.token };
	}

	/**
	 * The session ends (the bot left, was moved or kicked, the call moved away): its socket, if still open, is closed with
	 * `closeCode` (default 4014 Disconnected; 4022 Call Terminated when the whole call ends) and no RESUME is accepted.
	 */
	public endSession(guildId: string, closeCode: number = VoiceCloseCode.Disconnected): void {
		const session = this.detachSession(guildId);
		if (!session) return;
		session.end();
		session.close(closeCode);
	}

	/** Forgets the guild's session (no IDENTIFY, RESUME or audio reaches it any more) without touching its socket. */
	public detachSession(guildId: string): VoiceSession | undefined {
		const session = this.sessionsByGuild.get(guildId);
		if (!session) return undefined;
		this.sessionsByGuild.delete(guildId);
		this.sessionsByToken.delete(session.token);
		this.sessionsBySsrc.delete(session.ssrc);
		return session;
	}

	/**
	 * A UDP outage for `ms` (Infinity: until `restoreUdp()`): audio packets still arrive but are discarded (each session counts
	 * them in `stats.droppedPackets`), and IP discovery goes unanswered. `options` limits it to one of the two.
	 */
	public dropUdp(ms = Number.POSITIVE_INFINITY, options: UdpOutageOptions = {}): void {
		this.udpOutage.start(ms, options);
	}

	public restoreUdp(): void {
		this.udpOutage.end();
	}

	/**
	 * A human joined (`channelId`) or left (null) a voice channel. In the bot's channel they become an emulated DAVE
	 * listener: op 11 / op 13 and an MLS Add / Remove on the bot's session.
	 */
	public setMemberVoiceChannel(guildId: string, userId: string, channelId: string | null): void {
		let members = this.memberChannels.get(guildId);
		if (!members) this.memberChannels.set(guildId, (members = new Map()));
		const previous = members.get(userId) ?? null;
		if (previous === channelId) return;
		if (channelId === null) members.delete(userId);
		else members.set(userId, channelId);
		const session = this.sessionsByGuild.get(guildId);
		if (!session || session.userId === userId) return;
		if (previous === session.channelId) session.memberLeft(userId);
		if (channelId === session.channelId) session.memberJoined(userId);
	}

	public membersIn(guildId: string, channelId: string): string[] {
		return [...(this.memberChannels.get(guildId) ?? new Map<string, string>())]
			.filter(([, channel]) => channel === channelId)
			.map(([userId]) => userId);
	}

	/** @internal */
	public identifyRejected(session: VoiceSession, closeCode: number): void {
		this.rejectedIdentifies.push({ guildId: session.guildId, userId: session.userId, closeCode });
		this.emit('identifyRejected', session, closeCode);
	}

	public sessionFor(guildId: string): VoiceSession | undefined {
		return this.sessionsByGuild.get(guildId);
	}

	public findByToken(token: string): VoiceSession | undefined {
		return this.sessionsByToken.get(token);
	}

	/** Resolves with the guild's session once it is ready (SESSION_DESCRIPTION sent), waiting for a new one if needed. */
	public waitForSession(guildId: string, timeoutMs: number): Promise<VoiceSession> {
		const current = this.sessionFor(guildId);
		if (current?.state === 'ready') return Promise.resolve(current);
		return new Promise((resolve, reject) => {
			const onReady = (session: VoiceSession) => {
				if (session.guildId !== guildId || this.sessionFor(guildId) !== session) return;
				clearTimeout(timer);
				this.off('sessionReady', onReady);
				resolve(session);
			};
			const timer = setTimeout(() => {
				this.off('sessionReady', onReady);
				reject(new Error(`No ready voice session for guild ${guildId} within ${timeoutMs} ms`));
			}, timeoutMs);
			this.on('sessionReady', onReady);
		});
	}

	public async stop(): Promise<void> {
		for (const guildId of [...this.sessionsByGuild.keys()]) this.endSession(guildId);
		for (const socket of this.websockets.clients) socket.terminate();
		this.websockets.close();
		this.https.closeAllConnections();
		await Promise.all([new Promise((resolve) => this.https.close(resolve)), new Promise((resolve) => this.udp.close(() => resolve(undefined)))]);
	}

	private onDatagram(datagram: Buffer, remote: RemoteInfo): void {
		const discovery = parseIpDiscoveryRequest(datagram);
		if (discovery) {
			if (!this.sessionsBySsrc.has(discovery.ssrc) || this.udpOutage.dropsDiscovery()) return;
			this.udp.send(buildIpDiscoveryResponse(discovery.ssrc, remote.address, remote.port), remote.port, remote.address);
			return;
		}
		// Anything else but RTP audio is the client's 8-byte keep-alive, which Discord does not answer.
		if (!isRtpAudio(datagram)) return;
		const session = this.sessionsBySsrc.get(datagram.readUInt32BE(8));
		if (this.udpOutage.dropsAudio()) session?.audioPacketDropped();
		else session?.receiveAudioPacket(datagram);
	}

	private allocateSsrc(): number {
		this.nextSsrc = (this.nextSsrc % 0xffff_fffe) + 1;
		return this.nextSsrc;
	}

	public static async start(options: VoiceServerOptions = {}): Promise<VoiceServer> {
		const policy = options.dave ?? 'off';
		if (!davePolicies.includes(policy)) throw new Error(`Voice emulator: unknown DAVE policy '${policy}'`);
		if (options.modes?.length === 0) throw new Error('Voice emulator: offer at least one encryption mode');
		if (options.decryptOneIn !== undefined && !(Number.isInteger(options.decryptOneIn) && options.decryptOneIn >= 1))
			throw new Error(`Voice emulator: decryptOneIn must be an integer ≥ 1 (got ${options.decryptOneIn})`);
		const https = createServer(loadTestTlsMaterial());
		const websockets = new WebSocketServer({ server: https });
		const udp = createSocket('udp4');
		udp.bind(0, '127.0.0.1');
		https.listen(0, '127.0.0.1');
		await Promise.all([once(udp, 'listening'), once(https, 'listening')]);
		try {
			udp.setRecvBufferSize(UdpReceiveBufferBytes);
		} catch {
			// Not allowed here: the default buffer still works, it only drops sooner when the event loop stalls.
		}
		return new VoiceServer(https, websockets, udp, options);
	}
}
