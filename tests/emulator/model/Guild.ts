import { nextSnowflake } from '../snowflake.js';
import { EmulatedChannel, type ChannelOptions } from './Channel.js';
import type { EmulatorContext } from './context.js';
import { EmulatedMember } from './Member.js';
import { channelPermissions, DefaultBotPermissions, DefaultMemberPermissions, guildPermissions } from './permissions.js';
import { EmulatedRole, type RoleOptions } from './Role.js';
import { ChannelType, makeUser, type GuildChannelType, type Json } from './types.js';
import { VoiceStateRecord } from './VoiceStateRecord.js';

export interface GuildOptions {
	name?: string;
	preferredLocale?: string;
}

export interface MemberOptions {
	username?: string;
	roles?: string[];
	/** Extra guild permissions, given through a personal role; without it (and without roles) the member gets everyday member rights. */
	permissions?: bigint;
	locale?: string;
	/** Another bot (a music bot sitting in voice, say): its user has `bot: true`. */
	bot?: boolean;
}

export class EmulatedGuild {
	public readonly id = nextSnowflake();
	public readonly name: string;
	public readonly preferredLocale: string;
	public readonly ownerId = nextSnowflake();
	public readonly joinedAt = new Date().toISOString();
	public readonly channels = new Map<string, EmulatedChannel>();
	public readonly roles = new Map<string, EmulatedRole>();
	public readonly members = new Map<string, EmulatedMember>();
	/** Who is in which voice channel, keyed by user id (the bot included once its op 4 joined). */
	public readonly voiceStates = new Map<string, VoiceStateRecord>();
	public readonly defaultTextChannel: EmulatedChannel;
	public readonly botMember: EmulatedMember;
	private readonly everydayRole: EmulatedRole;
	private readonly botRole: EmulatedRole;

	public constructor(
		private readonly context: EmulatorContext,
		options: GuildOptions = {}
	) {
		this.name = options.name ?? 'Emulated Guild';
		this.preferredLocale = options.preferredLocale ?? 'en-US';
		// @everyone grants nothing here so that setBotPermissions() and member permissions are exactly what a test says.
		this.roles.set(this.id, new EmulatedRole(this.id, 0, { name: '@everyone', permissions: 0n }));
		this.everydayRole = this.createRole({ name: 'Members', permissions: DefaultMemberPermissions });
		this.botRole = this.createRole({ name: context.botUser.username, permissions: DefaultBotPermissions, managedByBotId: context.botUser.id });
		this.defaultTextChannel = this.createChannel(ChannelType.GuildText, 'general');
		this.botMember = new EmulatedMember(this, context.botUser, [this.botRole.id], 'en-US', context);
		this.members.set(context.botUser.id, this.botMember);
	}

	public get everyoneRole(): EmulatedRole {
		return this.roles.get(this.id)!;
	}

	public addTextChannel(name: string, options: ChannelOptions = {}): EmulatedChannel {
		return this.announceChannel(this.createChannel(ChannelType.GuildText, name, options));
	}

	public addVoiceChannel(name: string, options: ChannelOptions = {}): EmulatedChannel {
		return this.announceChannel(this.createChannel(ChannelType.GuildVoice, name, options));
	}

	public addStageChannel(name: string, options: ChannelOptions = {}): EmulatedChannel {
		return this.announceChannel(this.createChannel(ChannelType.GuildStageVoice, name, options));
	}

	public addRole(options: RoleOptions = {}): EmulatedRole {
		const role = this.createRole(options);
		this.context.dispatchGuildEvent(this, 'GUILD_ROLE_CREATE', { guild_id: this.id, role: role.toAPI() });
		return role;
	}

	/** Deletes a role as Discord does: members lose it, and the bot gets GUILD_ROLE_DELETE. */
	public removeRole(roleId: string): void {
		if (roleId === this.id || !this.roles.delete(roleId)) throw new Error(`role ${roleId} cannot be removed from ${this.name}`);
		for (const member of this.members.values()) {
			const index = member.roles.indexOf(roleId);
			if (index !== -1) member.roles.splice(index, 1);
		}
		this.context.dispatchGuildEvent(this, 'GUILD_ROLE_DELETE', { guild_id: this.id, role_id: roleId });
	}

	/**
	 * Deletes a channel as Discord does: CHANNEL_DELETE; for a voice channel, everyone in it (the bot too) is disconnected
	 * with a VOICE_STATE_UPDATE whose channel_id is null, and the call ends (the bot's voice socket is closed with 4022).
	 */
	public removeChannel(channelId: string): void {
		const channel = this.channels.get(channelId);
		if (!channel || channel === this.defaultTextChannel) throw new Error(`channel ${channelId} cannot be removed from ${this.name}`);
		this.channels.delete(channelId);
		this.context.dispatchGuildEvent(this, 'CHANNEL_DELETE', channel.toAPI());
		if (!channel.isVoiceBased) return;
		for (const state of [...this.voiceStates.values()]) if (state.channelId === channelId) this.setVoiceState(state.userId, null);
		this.context.voiceChannelDeleted?.(this, channelId);
	}

	public addMember(options: MemberOptions = {}): EmulatedMember {
		const id = nextSnowflake();
		const roles = [...(options.roles ?? [])];
		if (options.permissions !== undefined)
			roles.push(this.createRole({ name: `${options.username ?? id} permissions`, permissions: options.permissions }).id);
		else if (roles.length === 0) roles.push(this.everydayRole.id);
		const member = new EmulatedMember(
			this,
			makeUser(id, options.username ?? `user${this.members.size}`, options.bot),
			roles,
			options.locale ?? 'en-US',
			this.context
		);
		this.members.set(id, member);
		this.context.dispatchGuildEvent(this, 'GUILD_MEMBER_ADD', { guild_id: this.id, ...member.toAPI() });
		return member;
	}

	public setBotPermissions(bits: bigint): void {
		this.botRole.permissions = bits;
		this.context.dispatchGuildEvent(this, 'GUILD_ROLE_UPDATE', { guild_id: this.id, role: this.botRole.toAPI() });
	}

	public permissionsOf(member: EmulatedMember, channel?: EmulatedChannel): bigint {
		const subject = {
			guildId: this.id,
			ownerId: this.ownerId,
			userId: member.id,
			roleIds: member.roles,
			rolePermissions: (roleId: string) => this.roles.get(roleId)?.permissions ?? 0n
		};
		return channel ? channelPermissions(subject, channel.permissionOverwrites) : guildPermissions(subject);
	}

	public channel(id: string): EmulatedChannel | undefined {
		return this.channels.get(id);
	}

	public channelMessages(channelId: string): Json[] {
		return this.channels.get(channelId)?.messages ?? [];
	}

	public voiceChannelStatus(channelId: string): string | undefined {
		return this.channels.get(channelId)?.voiceStatus;
	}

	/** Moves a user into a voice channel (or out with null) and tells the bot with VOICE_STATE_UPDATE. */
	public setVoiceState(
		userId: string,
		channelId: string | null,
		options: { sessionId?: string; selfMute?: boolean; selfDeaf?: boolean } = {}
	): VoiceStateRecord {
		const member = this.members.get(userId);
		if (!member) throw new Error(`user ${userId} is not a member of ${this.name}`);
		const previous = this.voiceStates.get(userId);
		const state = new VoiceStateRecord(userId, channelId, options.sessionId ?? previous?.sessionId);
		state.selfMute = options.selfMute ?? previous?.selfMute ?? false;
		state.selfDeaf = options.selfDeaf ?? previous?.selfDeaf ?? false;
		state.suppress = channelId !== null && this.channels.get(channelId)?.type === ChannelType.GuildStageVoice;
		if (channelId === null) this.voiceStates.delete(userId);
		else this.voiceStates.set(userId, state);
		this.dispatchVoiceState(state);
		return state;
	}

	public dispatchVoiceState(state: VoiceStateRecord): void {
		this.context.dispatchGuildEvent(this, 'VOICE_STATE_UPDATE', {
			...state.toAPI(),
			guild_id: this.id,
			member: this.members.get(state.userId)?.toAPI()
		});
	}

	/** The full GUILD_CREATE payload. */
	public toGuildCreate(): Json {
		return {
			...this.toAPI(),
			joined_at: this.joinedAt,
			large: false,
			unavailable: false,
			member_count: this.members.size,
			voice_states: [...this.voiceStates.values()].map((state) => state.toAPI()),
			members: [...this.members.values()].map((member) => member.toAPI()),
			channels: [...this.channels.values()].map((channel) => channel.toAPI()),
			threads: [],
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: []
		};
	}

	/** The REST guild object (GET /guilds/:id). */
	public toAPI(): Json {
		return {
			id: this.id,
			name: this.name,
			icon: null,
			icon_hash: null,
			splash: null,
			discovery_splash: null,
			owner_id: this.ownerId,
			afk_channel_id: null,
			afk_timeout: 300,
			widget_enabled: false,
			verification_level: 0,
			default_message_notifications: 0,
			explicit_content_filter: 0,
			roles: [...this.roles.values()].map((role) => role.toAPI()),
			emojis: [],
			stickers: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: this.defaultTextChannel.id,
			system_channel_flags: 0,
			rules_channel_id: null,
			max_members: 500000,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			premium_subscription_count: 0,
			preferred_locale: this.preferredLocale,
			public_updates_channel_id: null,
			safety_alerts_channel_id: null,
			max_video_channel_users: 25,
			max_stage_video_channel_users: 50,
			nsfw_level: 0,
			premium_progress_bar_enabled: false,
			incidents_data: null
		};
	}

	private createRole(options: RoleOptions): EmulatedRole {
		const role = new EmulatedRole(nextSnowflake(), this.roles.size, options);
		this.roles.set(role.id, role);
		return role;
	}

	private createChannel(type: GuildChannelType, name: string, options: ChannelOptions = {}): EmulatedChannel {
		const channel = new EmulatedChannel(nextSnowflake(), this.id, type, name, this.channels.size, options);
		this.channels.set(channel.id, channel);
		return channel;
	}

	private announceChannel(channel: EmulatedChannel): EmulatedChannel {
		this.context.dispatchGuildEvent(this, 'CHANNEL_CREATE', channel.toAPI());
		return channel;
	}
}
