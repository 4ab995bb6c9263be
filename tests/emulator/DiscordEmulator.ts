import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { GatewayServer } from './gateway/GatewayServer.js';
import type { GatewayOptions } from './gateway/options.js';
import { shardOf } from './gateway/sharding.js';
import { InteractionHub } from './interactions/InteractionHub.js';
import { CommandStore } from './model/CommandStore.js';
import type { EmulatorContext } from './model/context.js';
import { EmulatedGuild, type GuildOptions } from './model/Guild.js';
import { Permission } from './model/permissions.js';
import { makeUser, type ApiUser, type Json } from './model/types.js';
import { RestServer, type RestRequestRecord } from './rest/RestServer.js';
import { createRouter } from './rest/routes/index.js';
import { nextSnowflake } from './snowflake.js';
import { VoiceServer, type VoiceServerOptions, type VoiceSession } from './voice/index.js';
import { VoiceFaults } from './voice/VoiceFaults.js';
import { VoiceServerPool } from './voice/voiceServerPool.js';

export interface DiscordEmulatorOptions {
	voice?: VoiceServerOptions;
	botUsername?: string;
	/** Sharding, identify and rate limits, heartbeat interval (see GatewayOptions; changeable later through `gateway.options`). */
	gateway?: Partial<GatewayOptions>;
	/** Discord's interaction deadlines, shortened in tests that must not wait: the 3 s initial response window, the 15 min token. */
	interactions?: { responseWindowMs?: number; tokenLifetimeMs?: number };
}

export interface CreateGuildOptions extends GuildOptions {
	/** `[shard_id, num_shards]`: give the guild an id that routes it to this shard. */
	shard?: [number, number];
}

export interface RejectedRequest {
	method: string;
	path: string;
	body: unknown;
	error: Record<string, unknown>;
}

/** An offline Discord (REST v10, gateway v10, voice) that an unmodified discord.js bot cannot tell from the real one. */
export class DiscordEmulator implements EmulatorContext {
	public readonly applicationId = nextSnowflake();
	public readonly botUser: ApiUser;
	public readonly token: string;
	public readonly caCertPath = fileURLToPath(new URL('../../../tests/emulator/voice/tls/cert.pem', import.meta.url));
	public readonly commands: CommandStore;
	public readonly interactions: InteractionHub;
	public readonly gateway: GatewayServer;
	/** Request bodies rejected by validation, with the 400 payload Discord would send. Tests assert this stays empty. */
	public readonly rejections: RejectedRequest[] = [];
	/** The REST API: its request log, and faults to inject (`rest.inject`, `rest.rateLimit`). */
	public readonly rest: RestServer;
	/** Every voice server (the primary `voiceServer`, and those calls moved to), and which guild's calls go where. */
	public readonly voiceServers: VoiceServerPool;
	/** Voice faults Discord inflicts: the call moves server, the bot is dragged elsewhere, UDP stops getting through. */
	public readonly voiceFaults: VoiceFaults;
	private readonly guilds = new Map<string, EmulatedGuild>();

	private constructor(
		private readonly http: Server,
		/** The primary voice server; see `voiceServers` for the one a guild's call is on. */
		public readonly voiceServer: VoiceServer,
		options: DiscordEmulatorOptions
	) {
		this.voiceServers = new VoiceServerPool(voiceServer, { ...options.voice, dave: voiceServer.davePolicy });
		this.botUser = makeUser(this.applicationId, options.botUsername ?? 'Alastor', true);
		this.token = `${Buffer.from(this.applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
		this.commands = new CommandStore(this.applicationId);
		this.interactions = new InteractionHub({
			applicationId: this.applicationId,
			botUser: this.botUser,
			commands: this.commands,
			dispatch: (event, data) => this.gateway.dispatch(event, data),
			...options.interactions
		});
		this.rest = new RestServer(this, createRouter());
		http.on('request', (request, response) => void this.rest.handle(request, response));
		this.gateway = new GatewayServer(
			http,
			{
				token: this.token,
				botUser: this.botUser,
				applicationId: this.applicationId,
				url: () => this.gatewayUrl,
				guilds: () => [...this.guilds.values()],
				onVoiceStateUpdate: (data) => this.onBotVoiceStateUpdate(data)
			},
			options.gateway
		);
		this.voiceFaults = new VoiceFaults({
			botUserId: this.botUser.id,
			pool: this.voiceServers,
			// Voice events belong to a guild: only the shard that serves it hears them.
			dispatch: (event, data) => this.gateway.dispatchToGuild(String(data.guild_id), event, data)
		});
	}

	public get port(): number {
		return (this.http.address() as AddressInfo).port;
	}

	/** What discord.js takes as `rest: { api }`. */
	public get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	public get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.port}`;
	}

	/** REST log: every request with its status. */
	public get requests(): readonly RestRequestRecord[] {
		return this.rest.requests;
	}

	/** Requests to routes the emulator does not implement (answered 404). */
	public get unknownRoutes(): readonly RestRequestRecord[] {
		return this.rest.unknownRoutes;
	}

	/** Environment for spawning the bot against this emulator. */
	public botEnv(): Record<string, string> {
		return { DISCORD_TOKEN: this.token, DISCORD_API_URL: this.apiUrl, NODE_EXTRA_CA_CERTS: this.caCertPath };
	}

	public applicationObject(): Json {
		return {
			id: this.applicationId,
			name: this.botUser.username,
			icon: null,
			description: '',
			summary: '',
			type: null,
			bot_public: true,
			bot_require_code_grant: false,
			verify_key: randomBytes(32).toString('hex'),
			flags: 0,
			owner: makeUser(nextSnowflake(), 'owner'),
			team: null,
			bot: this.botUser,
			approximate_guild_count: this.guilds.size,
			integration_types_config: { '0': {} },
			install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' }
		};
	}

	/** Creates a guild with a #general text channel; announced by GUILD_CREATE (at READY, or live if the bot is already connected). */
	public createGuild(options: CreateGuildOptions = {}): EmulatedGuild {
		let guild = new EmulatedGuild(this, options);
		// Guild ids carry their creation millisecond, which picks the shard: wait for a millisecond that lands on the wanted one.
		while (options.shard && shardOf(guild.id, options.shard[1]) !== options.shard[0]) {
			for (const tick = Date.now(); Date.now() === tick;);
			guild = new EmulatedGuild(this, options);
		}
		this.guilds.set(guild.id, guild);
		this.gateway.announceGuild(guild);
		return guild;
	}

	/** The bot is removed from the guild (kicked or the guild deleted): GUILD_DELETE without `unavailable`, its voice session ends. */
	public removeGuild(guild: EmulatedGuild): void {
		this.gateway.dispatchToGuild(guild.id, 'GUILD_DELETE', { id: guild.id });
		this.gateway.forgetGuild(guild.id);
		this.guilds.delete(guild.id);
		this.voiceServers.endSession(guild.id);
	}

	public guild(id: string): EmulatedGuild | undefined {
		return this.guilds.get(id);
	}

	public findChannel(channelId: string) {
		for (const guild of this.guilds.values()) {
			const channel = guild.channel(channelId);
			if (channel) return { guild, channel };
		}
		return undefined;
	}

	public dispatchGuildEvent(guild: EmulatedGuild, event: string, data: Json): void {
		// Humans in the bot's voice channel are emulated DAVE listeners on the voice server.
		if (event === 'VOICE_STATE_UPDATE' && data.user_id !== this.botUser.id)
			this.voiceServers.setMemberVoiceChannel(guild.id, data.user_id, data.channel_id ?? null);
		this.gateway.dispatchToGuild(guild.id, event, data);
	}

	public registeredCommands(guildId?: string): Json[] {
		return this.commands.list(guildId);
	}

	public waitForCommands(predicate: (commands: Json[]) => boolean, timeoutMs = 15_000, guildId?: string): Promise<Json[]> {
		return this.commands.waitFor(predicate, timeoutMs, guildId);
	}

	/** Resolves once the bot identified and got READY plus every GUILD_CREATE. */
	public async waitForBotReady(timeoutMs = 15_000): Promise<void> {
		if (this.gateway.identified) return;
		const timeout = AbortSignal.timeout(timeoutMs);
		await once(this.gateway, 'ready', { signal: timeout }).catch(() => {
			throw new Error(`the bot did not identify on the gateway within ${timeoutMs} ms`);
		});
	}

	/** The bot's current voice session in the guild, if any. */
	public voice(guild: EmulatedGuild): VoiceSession | undefined {
		return this.voiceServers.sessionFor(guild.id);
	}

	public waitForVoice(guild: EmulatedGuild, timeoutMs = 15_000): Promise<VoiceSession> {
		return this.voiceServers.serverFor(guild.id).waitForSession(guild.id, timeoutMs);
	}

	/** @internal Guild.removeChannel of a voice channel: the call in it ends. */
	public voiceChannelDeleted(guild: EmulatedGuild, channelId: string): void {
		this.voiceFaults.channelDeleted(guild, channelId);
	}

	public async stop(): Promise<void> {
		await this.gateway.close();
		this.http.closeAllConnections();
		await new Promise((resolve) => this.http.close(resolve));
		await this.voiceServers.stop();
	}

	/** Gateway op 4 from the bot: join (VOICE_STATE_UPDATE, then VOICE_SERVER_UPDATE) or leave (VOICE_STATE_UPDATE, voice session ends). */
	private onBotVoiceStateUpdate(data: Json): void {
		const guild = this.guilds.get(data?.guild_id);
		if (!guild) return;
		const botId = this.botUser.id;
		const flags = { selfMute: Boolean(data.self_mute), selfDeaf: Boolean(data.self_deaf) };
		if (data.channel_id === null || data.channel_id === undefined) {
			if (!guild.voiceStates.has(botId)) return;
			guild.setVoiceState(botId, null, flags);
			this.voiceServers.endSession(guild.id);
			return;
		}
		const channel = guild.channel(data.channel_id);
		if (!channel?.isVoiceBased) return;
		// Discord silently ignores a join the bot may not make; the library then times out.
		const permissions = guild.botMember.permissionsIn(channel);
		if ((permissions & (Permission.ViewChannel | Permission.Connect)) !== (Permission.ViewChannel | Permission.Connect)) return;
		const occupants = [...guild.voiceStates.values()].filter((state) => state.channelId === channel.id && state.userId !== botId).length;
		if (channel.userLimit > 0 && occupants >= channel.userLimit && (permissions & Permission.MoveMembers) === 0n) return;
		const state = guild.setVoiceState(botId, channel.id, { ...flags, sessionId: randomBytes(16).toString('hex') });
		const server = this.voiceServers.serverFor(guild.id);
		const { token } = server.expectSession({ guildId: guild.id, channelId: channel.id, userId: botId, sessionId: state.sessionId });
		this.gateway.dispatch('VOICE_SERVER_UPDATE', { token, guild_id: guild.id, endpoint: server.endpoint });
	}

	public static async start(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
		// DAVE is mandatory on Discord voice since March 2026, so the emulator requires it unless a test says otherwise.
		const voiceServer = await VoiceServer.start({ ...options.voice, dave: options.voice?.dave ?? 'required' });
		const http = createServer();
		http.listen(0, '127.0.0.1');
		await once(http, 'listening');
		return new DiscordEmulator(http, voiceServer, options);
	}
}

// The gateway's pieces tests use (sessions, their commands, the options), exported with the emulator.
export { GatewaySession, type ResumeRecord } from './gateway/GatewaySession.js';
export type { GatewayCommand, CommandLimit } from './gateway/GatewayConnection.js';
export { GatewayServer, type RateLimitClosure } from './gateway/GatewayServer.js';
export { defaultGatewayOptions, type GatewayOptions } from './gateway/options.js';
export { shardOf, type IdentifyRecord } from './gateway/sharding.js';
