import { VoiceServer, type VoiceServerOptions } from './voiceServer.js';
import type { VoiceSession } from './voiceSession.js';

/**
 * Discord's voice servers for one emulator: the primary one, and more started on demand (each its own wss and UDP port)
 * when a call moves to another server. Each guild's calls go to the server it is assigned to (the primary by default).
 */
export class VoiceServerPool {
	private readonly started: VoiceServer[];
	private readonly assigned = new Map<string, VoiceServer>();

	public constructor(
		public readonly primary: VoiceServer,
		private readonly options: VoiceServerOptions
	) {
		this.started = [primary];
	}

	public get servers(): readonly VoiceServer[] {
		return this.started;
	}

	/** The server the guild's next join (or its current call) goes to. */
	public serverFor(guildId: string): VoiceServer {
		return this.assigned.get(guildId) ?? this.primary;
	}

	public assign(guildId: string, server: VoiceServer): void {
		this.assigned.set(guildId, server);
	}

	/** A server other than `current`: one already running, or a new one with the same options. */
	public async another(current: VoiceServer): Promise<VoiceServer> {
		const other = this.started.find((server) => server !== current);
		if (other) return other;
		const server = await VoiceServer.start(this.options);
		this.started.push(server);
		return server;
	}

	/** The guild's bot session, on whichever server holds it. */
	public sessionFor(guildId: string): VoiceSession | undefined {
		return this.serverFor(guildId).sessionFor(guildId) ?? this.started.map((server) => server.sessionFor(guildId)).find(Boolean);
	}

	/** Ends the guild's session on every server. */
	public endSession(guildId: string, closeCode?: number): void {
		for (const server of this.started) server.endSession(guildId, closeCode);
	}

	/** Every server tracks humans in voice (its DAVE listeners). */
	public setMemberVoiceChannel(guildId: string, userId: string, channelId: string | null): void {
		for (const server of this.started) server.setMemberVoiceChannel(guildId, userId, channelId);
	}

	public async stop(): Promise<void> {
		await Promise.all(this.started.map((server) => server.stop()));
	}
}
