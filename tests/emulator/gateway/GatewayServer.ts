import { EventEmitter, once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EmulatedGuild } from '../model/Guild.js';
import type { ApiUser, Json } from '../model/types.js';
import { GatewayConnection } from './GatewayConnection.js';
import { defaultGatewayOptions, type GatewayOptions } from './options.js';
import { GatewaySession } from './GatewaySession.js';
import { guildCreatePayload, membersChunkPayload, readyPayload } from './payloads.js';
import { Close, Op } from './protocol.js';
import { guildIdOf, IdentifyLimiter, isValidShard, shardOf, type IdentifyRecord } from './sharding.js';

export interface GatewayDependencies {
	token: string;
	botUser: ApiUser;
	applicationId: string;
	url(): string;
	guilds(): EmulatedGuild[];
	onVoiceStateUpdate(data: Json): void;
}

export interface RateLimitClosure {
	at: number;
	connectionId: number;
	sessionId: string | undefined;
}

/**
 * Discord's main gateway v10 (JSON, no compression): HELLO, IDENTIFY → READY + GUILD_CREATEs of the session's shard,
 * heartbeats, RESUME with replay, op 4 voice state updates; one session per IDENTIFY, guild dispatches routed to the
 * shard owning the guild. Emits 'ready' (session) after the GUILD_CREATEs of an IDENTIFY and 'resumed' (session).
 * Options in `options` may be changed while it runs (they apply to the next command, HELLO or IDENTIFY).
 */
export class GatewayServer extends EventEmitter {
	public readonly options: GatewayOptions;
	/** Every session ever identified, ended ones included, in order. */
	public readonly allSessions: GatewaySession[] = [];
	/** Every payload the bot sent, on any connection, for tests that look at the conversation. */
	public readonly received: Json[] = [];
	/** Connections closed with 4008 for sending too many commands. */
	public readonly rateLimitClosures: RateLimitClosure[] = [];
	public readonly identifyLimiter: IdentifyLimiter;
	private readonly server: WebSocketServer;

	public constructor(
		http: Server,
		private readonly dependencies: GatewayDependencies,
		options: Partial<GatewayOptions> = {}
	) {
		super();
		this.options = { ...defaultGatewayOptions, ...options };
		this.identifyLimiter = new IdentifyLimiter(() => ({ total: this.options.sessionStartTotal, maxConcurrency: this.options.maxConcurrency }));
		this.server = new WebSocketServer({ server: http });
		this.server.on('connection', (socket, request) => this.onConnection(socket, request));
	}

	/** Sessions that can still receive events (connected, or waiting for a RESUME). */
	public get sessions(): GatewaySession[] {
		return this.allSessions.filter((session) => !session.ended);
	}

	/** The most recently identified live session: the bot's, when it runs a single shard. */
	public get session(): GatewaySession | undefined {
		return this.sessions.at(-1);
	}

	public get identified(): boolean {
		return this.sessions.length > 0;
	}

	/** Every IDENTIFY, with its shard, identify bucket and the rule it broke, if any. */
	public get identifies(): readonly IdentifyRecord[] {
		return this.identifyLimiter.identifies;
	}

	public get identifyViolations(): IdentifyRecord[] {
		return this.identifyLimiter.violations;
	}

	/** The body of GET /gateway/bot. */
	public gatewayBot(): Json {
		return { url: this.dependencies.url(), shards: this.options.shards, session_start_limit: this.identifyLimiter.sessionStartLimit() };
	}

	/** Live sessions that get this guild's events: those whose own `[shard_id, num_shards]` routes it to them. */
	public sessionsFor(guildId: string): GatewaySession[] {
		return this.sessions.filter((session) => session.owns(guildId));
	}

	/** The shard a guild belongs to with `shardCount` shards (default: the recommended count). */
	public shardOf(guildId: string, shardCount = this.options.shards): number {
		return shardOf(guildId, shardCount);
	}

	/** Sends a dispatch: guild events to the sessions owning the guild, others (the bot user's own) to shard 0. */
	public dispatch(event: string, data: unknown): void {
		const guildId = guildIdOf(event, data);
		if (guildId !== undefined) {
			this.dispatchToGuild(guildId, event, data);
			return;
		}
		for (const session of this.sessions) if (session.shardId === 0) session.dispatch(event, data);
	}

	/** Sends a guild's dispatch to the sessions owning it that know the guild (were sent its GUILD_CREATE). */
	public dispatchToGuild(guildId: string, event: string, data: unknown): void {
		for (const session of this.sessionsFor(guildId)) if (session.announcedGuilds.has(guildId)) session.dispatch(event, data);
	}

	public isAnnounced(guildId: string): boolean {
		return this.sessions.some((session) => session.announcedGuilds.has(guildId));
	}

	/** Sends GUILD_CREATE for a guild created after READY to the sessions owning it. */
	public announceGuild(guild: EmulatedGuild): void {
		for (const session of this.sessionsFor(guild.id)) {
			session.announcedGuilds.add(guild.id);
			session.dispatch('GUILD_CREATE', guildCreatePayload(guild, session.intents, this.dependencies.botUser.id));
		}
	}

	/** After GUILD_DELETE: no session knows the guild any more. */
	public forgetGuild(guildId: string): void {
		for (const session of this.allSessions) session.announcedGuilds.delete(guildId);
	}

	/** Closes the bot's sockets (every connected session's) like Discord dropping them; with 4000 (or most codes) discord.js resumes. */
	public disconnect(code: number = Close.UnknownError): void {
		for (const session of this.sessions) session.close(code, { resumable: true });
	}

	/** Closes every session with 4009 and forgets it, so the next RESUME gets op 9 (invalid session). */
	public invalidateSession(): void {
		for (const session of this.sessions) session.close(Close.SessionTimedOut, { resumable: false });
	}

	/** Resolves once `count` live sessions are identified (e.g. every shard of a sharded bot). */
	public async waitForSessions(count: number, timeoutMs = 15_000): Promise<GatewaySession[]> {
		const signal = AbortSignal.timeout(timeoutMs);
		while (this.sessions.length < count) {
			await once(this, 'ready', { signal }).catch(() => {
				throw new Error(`${this.sessions.length} of ${count} gateway sessions identified within ${timeoutMs} ms`);
			});
		}
		return this.sessions;
	}

	public async close(): Promise<void> {
		for (const client of this.server.clients) client.terminate();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private onConnection(socket: WebSocket, request: IncomingMessage): void {
		const connection = new GatewayConnection(socket, () => this.options.commandLimit);
		socket.on('message', (raw: RawData) => this.onMessage(connection, raw));
		socket.on('close', (code: number) => this.onClose(connection, code));
		const version = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('v');
		if (version !== null && version !== '10') {
			connection.close(Close.InvalidApiVersion, 'Invalid API version.');
			return;
		}
		connection.send({ op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
	}

	private onMessage(connection: GatewayConnection, raw: RawData): void {
		// What arrives after the emulator closed the socket was in flight: Discord reads no more of it.
		if (connection.closedByServer !== undefined) return;
		const at = Date.now();
		let message: Json;
		try {
			message = JSON.parse(String(raw as Buffer));
		} catch {
			connection.close(Close.DecodeError, 'Error while decoding payload.');
			return;
		}
		this.received.push(message);
		connection.note(message, at);
		if (!connection.spend(at)) {
			this.rateLimitClosures.push({ at, connectionId: connection.id, sessionId: connection.session?.id });
			connection.close(Close.RateLimited, 'You are being rate limited.');
			return;
		}
		if (message.op === Op.Heartbeat) {
			if (!connection.zombie) connection.send({ op: Op.HeartbeatAck });
			return;
		}
		if (message.op === Op.Identify || message.op === Op.Resume) {
			if (connection.session) connection.close(Close.AlreadyAuthenticated, 'You sent more than one identify payload.');
			else if (message.d?.token !== this.dependencies.token) connection.close(Close.AuthenticationFailed, 'Authentication failed.');
			else if (message.op === Op.Identify) this.identify(connection, message.d, at);
			else this.resume(connection, message.d, at);
			return;
		}
		const { session } = connection;
		if (!session) {
			connection.close(Close.NotAuthenticated, 'Not authenticated.');
			return;
		}
		switch (message.op) {
			case Op.VoiceStateUpdate:
				// Discord ignores a voice join sent on a shard that does not own the guild.
				if (typeof message.d?.guild_id === 'string' && session.owns(message.d.guild_id)) this.dependencies.onVoiceStateUpdate(message.d);
				else session.ignoredVoiceStateUpdates.push(message.d);
				break;
			case Op.RequestGuildMembers:
				this.sendMembersChunk(session, message.d);
				break;
			case Op.PresenceUpdate:
				break;
			default:
				connection.close(Close.UnknownOpcode, 'Unknown opcode.');
		}
	}

	private onClose(connection: GatewayConnection, code: number): void {
		const { session } = connection;
		if (!session || session.connection !== connection) return;
		session.detach();
		session.disconnects.push({ at: Date.now(), code, byServer: connection.closedByServer !== undefined });
		// A client closing with 1000/1001 ends its session (Discord shows the bot offline); other closes leave it resumable.
		if (connection.closedByServer === undefined && (code === 1000 || code === 1001)) session.end(`closed by the client with ${code}`);
		this.emit('disconnected', session, code);
	}

	private identify(connection: GatewayConnection, data: Json, at: number): void {
		const shard: unknown = data.shard ?? [0, 1];
		if (!isValidShard(shard)) {
			connection.close(Close.InvalidShard, 'Invalid shard.');
			return;
		}
		if (!Number.isInteger(data.intents) || data.intents < 0) {
			connection.close(Close.InvalidIntents, 'Invalid intent(s).');
			return;
		}
		const [shardId, shardCount] = shard;
		const guilds = this.dependencies.guilds().filter((guild) => shardOf(guild.id, shardCount) === shardId);
		if (guilds.length > this.options.requireShardingAbove) {
			connection.close(Close.ShardingRequired, 'Sharding required.');
			return;
		}
		if (!this.identifyLimiter.record(shard, this.options.enforceIdentifyLimits, at).served) {
			connection.send({ op: Op.InvalidSession, d: false });
			return;
		}
		// A disconnected session of the same shard was left behind by a process that died: the new one takes over.
		for (const old of this.sessions)
			if (!old.connected && old.shardId === shardId && old.shardCount === shardCount) old.end('superseded by a new IDENTIFY of its shard');
		const session = new GatewaySession(data.intents, shardId, shardCount);
		this.allSessions.push(session);
		session.attach(connection);
		const { botUser, applicationId } = this.dependencies;
		session.dispatch('READY', readyPayload({ botUser, applicationId, sessionId: session.id, resumeUrl: this.dependencies.url(), shard, guilds }));
		for (const guild of guilds) {
			session.announcedGuilds.add(guild.id);
			session.dispatch('GUILD_CREATE', guildCreatePayload(guild, session.intents, botUser.id));
		}
		this.emit('ready', session);
	}

	private resume(connection: GatewayConnection, data: Json, at: number): void {
		const session = this.sessions.find((candidate) => candidate.id === data.session_id);
		const seq = Number(data.seq ?? 0);
		if (session && seq > session.sequence) {
			session.end(`resumed with sequence ${seq} beyond ${session.sequence}`);
			connection.close(Close.InvalidSeq, 'Invalid seq.');
			return;
		}
		const missed = session?.since(seq);
		if (!session || !missed) {
			session?.end('its missed dispatches are no longer buffered');
			connection.send({ op: Op.InvalidSession, d: false });
			return;
		}
		const previous = session.connection;
		session.detach();
		previous?.close(Close.SessionTimedOut, 'Session resumed elsewhere');
		session.attach(connection);
		session.resumes.push({ at, seq, replayed: missed.length });
		for (const payload of missed) connection.send(payload);
		session.dispatch('RESUMED', null);
		this.emit('resumed', session);
	}

	private sendMembersChunk(session: GatewaySession, request: Json): void {
		const guild = this.dependencies.guilds().find((candidate) => candidate.id === request?.guild_id);
		if (guild && session.owns(guild.id)) session.dispatch('GUILD_MEMBERS_CHUNK', membersChunkPayload(guild, request));
	}
}
