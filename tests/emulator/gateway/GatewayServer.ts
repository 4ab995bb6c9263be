import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EmulatedGuild } from '../model/Guild.js';
import type { ApiUser, Json } from '../model/types.js';
import { GatewaySession } from './GatewaySession.js';
import { Intent, isWanted } from './intents.js';

const Op = {
	Dispatch: 0,
	Heartbeat: 1,
	Identify: 2,
	PresenceUpdate: 3,
	VoiceStateUpdate: 4,
	Resume: 6,
	RequestGuildMembers: 8,
	InvalidSession: 9,
	Hello: 10,
	HeartbeatAck: 11
};
const Close = { UnknownOpcode: 4001, DecodeError: 4002, NotAuthenticated: 4003, AuthenticationFailed: 4004, AlreadyAuthenticated: 4005 };
const heartbeatIntervalMs = 41_250;

export interface GatewayDependencies {
	token: string;
	botUser: ApiUser;
	applicationId: string;
	url(): string;
	guilds(): EmulatedGuild[];
	onVoiceStateUpdate(data: Json): void;
}

/**
 * Discord's main gateway v10 (JSON, no compression) for one bot: HELLO, IDENTIFY → READY + GUILD_CREATEs,
 * heartbeats, RESUME with replay, op 4 voice state updates. Emits 'ready' after the GUILD_CREATEs of an IDENTIFY and 'resumed'.
 */
export class GatewayServer extends EventEmitter {
	public session: GatewaySession | undefined;
	/** Every op the bot sent, for tests that look at the conversation. */
	public readonly received: Json[] = [];
	private readonly server: WebSocketServer;

	public constructor(
		http: Server,
		private readonly dependencies: GatewayDependencies
	) {
		super();
		this.server = new WebSocketServer({ server: http });
		this.server.on('connection', (socket) => this.onConnection(socket));
	}

	public get identified(): boolean {
		return this.session !== undefined;
	}

	/** Sends a dispatch to the bot's session (buffered for RESUME while it is disconnected); dropped when no session wants it. */
	public dispatch(event: string, data: unknown): void {
		const { session } = this;
		if (!session || !isWanted(event, session.intents)) return;
		const payload = session.record(event, data);
		if (session.socket?.readyState === session.socket?.OPEN) session.socket?.send(JSON.stringify(payload));
	}

	public isAnnounced(guildId: string): boolean {
		return this.session?.announcedGuilds.has(guildId) ?? false;
	}

	/** Sends GUILD_CREATE for a guild created after READY. */
	public announceGuild(guild: EmulatedGuild): void {
		if (!this.session) return;
		this.session.announcedGuilds.add(guild.id);
		this.dispatch('GUILD_CREATE', this.guildCreate(guild, this.session.intents));
	}

	/** Closes the bot's socket like Discord dropping it; with 4000 (or most codes) discord.js resumes the session. */
	public disconnect(code = 4000): void {
		this.session?.socket?.close(code, 'emulator disconnect');
	}

	/** Forgets the session, so the next RESUME gets op 9 (invalid session). */
	public invalidateSession(): void {
		this.session?.socket?.close(4009, 'Session timed out');
		this.session = undefined;
	}

	public async close(): Promise<void> {
		for (const client of this.server.clients) client.terminate();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private onConnection(socket: WebSocket): void {
		let identifiedHere = false;
		send(socket, { op: Op.Hello, d: { heartbeat_interval: heartbeatIntervalMs } });
		socket.on('message', (raw: RawData) => {
			let message: Json;
			try {
				message = JSON.parse(String(raw as Buffer));
			} catch {
				socket.close(Close.DecodeError, 'Error while decoding payload.');
				return;
			}
			this.received.push(message);
			if (message.op === Op.Heartbeat) {
				send(socket, { op: Op.HeartbeatAck });
				return;
			}
			if (message.op === Op.Identify || message.op === Op.Resume) {
				if (identifiedHere) {
					socket.close(Close.AlreadyAuthenticated, 'You sent more than one identify payload.');
					return;
				}
				if (message.d?.token !== this.dependencies.token) {
					socket.close(Close.AuthenticationFailed, 'Authentication failed.');
					return;
				}
				identifiedHere = message.op === Op.Identify ? this.identify(socket, message.d) : this.resume(socket, message.d);
				return;
			}
			if (!identifiedHere) {
				socket.close(Close.NotAuthenticated, 'Not authenticated.');
				return;
			}
			switch (message.op) {
				case Op.VoiceStateUpdate:
					this.dependencies.onVoiceStateUpdate(message.d);
					break;
				case Op.RequestGuildMembers:
					this.sendMembersChunk(message.d);
					break;
				case Op.PresenceUpdate:
					break;
				default:
					socket.close(Close.UnknownOpcode, 'Unknown opcode.');
			}
		});
		socket.on('close', () => {
			if (this.session?.socket === socket) this.session.socket = undefined;
		});
	}

	private identify(socket: WebSocket, data: Json): boolean {
		this.session?.socket?.close(4009, 'Session replaced');
		const session = new GatewaySession(Number(data.intents ?? 0));
		this.session = session;
		session.socket = socket;
		const guilds = this.dependencies.guilds();
		this.dispatch('READY', {
			v: 10,
			user: { ...this.dependencies.botUser, mfa_enabled: false, verified: true },
			guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
			session_id: session.id,
			resume_gateway_url: this.dependencies.url(),
			shard: [0, 1],
			application: { id: this.dependencies.applicationId, flags: 0 },
			user_settings: {},
			private_channels: [],
			presences: [],
			relationships: [],
			guild_join_requests: [],
			geo_ordered_rtc_regions: ['emulated']
		});
		for (const guild of guilds) {
			session.announcedGuilds.add(guild.id);
			this.dispatch('GUILD_CREATE', this.guildCreate(guild, session.intents));
		}
		this.emit('ready');
		return true;
	}

	private resume(socket: WebSocket, data: Json): boolean {
		const { session } = this;
		const missed = session && session.id === data.session_id ? session.since(Number(data.seq ?? 0)) : undefined;
		if (!session || !missed) {
			send(socket, { op: Op.InvalidSession, d: false });
			return false;
		}
		session.socket?.close(4009, 'Session resumed elsewhere');
		session.socket = socket;
		for (const payload of missed) send(socket, payload);
		this.dispatch('RESUMED', null);
		this.emit('resumed');
		return true;
	}

	private guildCreate(guild: EmulatedGuild, intents: number): Json {
		const payload = guild.toGuildCreate();
		// Without the presences intent Discord only lists the bot and members in voice channels.
		if ((intents & Intent.GuildPresences) === 0) {
			payload.members = (payload.members as Json[]).filter(
				(member) => member.user.id === this.dependencies.botUser.id || guild.voiceStates.has(member.user.id)
			);
		}
		return payload;
	}

	private sendMembersChunk(data: Json): void {
		const guild = this.dependencies.guilds().find((candidate) => candidate.id === data?.guild_id);
		if (!guild) return;
		const wanted: string[] | undefined = Array.isArray(data.user_ids) ? data.user_ids : data.user_ids ? [data.user_ids] : undefined;
		const members = [...guild.members.values()].filter((member) =>
			wanted ? wanted.includes(member.id) : member.user.username.startsWith(data.query ?? '')
		);
		const limited = data.limit ? members.slice(0, data.limit) : members;
		this.dispatch('GUILD_MEMBERS_CHUNK', {
			guild_id: guild.id,
			members: limited.map((member) => member.toAPI()),
			chunk_index: 0,
			chunk_count: 1,
			...(wanted ? { not_found: wanted.filter((id) => !guild.members.has(id)) } : {}),
			...(data.nonce ? { nonce: data.nonce } : {})
		});
	}
}

function send(socket: WebSocket, payload: unknown): void {
	if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
}
