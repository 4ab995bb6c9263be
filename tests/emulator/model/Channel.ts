import type { PermissionOverwrite } from './permissions.js';
import { ChannelType, type GuildChannelType, type Json } from './types.js';

export interface ChannelOptions {
	userLimit?: number;
	parentId?: string;
	permissionOverwrites?: PermissionOverwrite[];
}

export class EmulatedChannel {
	public readonly permissionOverwrites: PermissionOverwrite[];
	/** Text shown under a voice channel's name (PUT /channels/:id/voice-status). */
	public voiceStatus: string | undefined;
	/** Messages posted with POST /channels/:id/messages (and edited later). */
	public readonly messages: Json[] = [];
	public readonly userLimit: number;
	public readonly parentId: string | null;

	public constructor(
		public readonly id: string,
		public readonly guildId: string,
		public readonly type: GuildChannelType,
		public readonly name: string,
		public readonly position: number,
		options: ChannelOptions = {}
	) {
		this.userLimit = options.userLimit ?? 0;
		this.parentId = options.parentId ?? null;
		this.permissionOverwrites = options.permissionOverwrites ?? [];
	}

	public get isVoiceBased(): boolean {
		return this.type === ChannelType.GuildVoice || this.type === ChannelType.GuildStageVoice;
	}

	public toAPI(): Json {
		const base = {
			id: this.id,
			type: this.type,
			guild_id: this.guildId,
			name: this.name,
			position: this.position,
			parent_id: this.parentId,
			nsfw: false,
			flags: 0,
			permission_overwrites: this.permissionOverwrites.map((overwrite) => ({
				id: overwrite.id,
				type: overwrite.type,
				allow: overwrite.allow.toString(),
				deny: overwrite.deny.toString()
			}))
		};
		if (this.type === ChannelType.GuildText)
			return { ...base, topic: null, last_message_id: null, rate_limit_per_user: 0, default_auto_archive_duration: 4320 };
		if (this.isVoiceBased) {
			return {
				...base,
				bitrate: 64000,
				user_limit: this.userLimit,
				rtc_region: null,
				video_quality_mode: 1,
				last_message_id: null,
				rate_limit_per_user: 0,
				...(this.voiceStatus === undefined ? {} : { status: this.voiceStatus })
			};
		}
		return base;
	}
}
