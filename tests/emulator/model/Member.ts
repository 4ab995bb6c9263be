import type { EmulatedChannel } from './Channel.js';
import type { EmulatorContext, InteractionExtras } from './context.js';
import type { EmulatedGuild } from './Guild.js';
import type { ApiUser, Json } from './types.js';

export class EmulatedMember {
	public readonly joinedAt = new Date().toISOString();

	public constructor(
		public readonly guild: EmulatedGuild,
		public readonly user: ApiUser,
		public readonly roles: string[],
		public locale: string,
		private readonly context: EmulatorContext
	) {}

	public get id(): string {
		return this.user.id;
	}

	/** Guild-level permissions (roles, @everyone, administrator, owner). */
	public get permissions(): bigint {
		return this.guild.permissionsOf(this);
	}

	public permissionsIn(channel: EmulatedChannel): bigint {
		return this.guild.permissionsOf(this, channel);
	}

	public get voiceChannelId(): string | null {
		return this.guild.voiceStates.get(this.id)?.channelId ?? null;
	}

	public toAPI(): Json {
		return {
			user: this.user,
			nick: null,
			avatar: null,
			banner: null,
			roles: [...this.roles],
			joined_at: this.joinedAt,
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0,
			pending: false,
			communication_disabled_until: null
		};
	}

	public async joinVoice(channel: EmulatedChannel): Promise<void> {
		if (!channel.isVoiceBased) throw new Error(`${channel.name} is not a voice channel`);
		this.guild.setVoiceState(this.id, channel.id);
		await Promise.resolve();
	}

	public async leaveVoice(): Promise<void> {
		this.guild.setVoiceState(this.id, null);
		await Promise.resolve();
	}

	public run(path: string, options: Record<string, unknown> = {}, extras: InteractionExtras = {}) {
		return this.context.interactions.run(this, path, options, extras);
	}

	public autocomplete(path: string, options: Record<string, unknown>, focused: string, extras: InteractionExtras = {}) {
		return this.context.interactions.autocomplete(this, path, options, focused, extras);
	}

	public clickButton(message: Json, customId: string, extras: InteractionExtras = {}) {
		return this.context.interactions.clickButton(this, message, customId, extras);
	}

	public selectMenu(message: Json, customId: string, values: string[], extras: InteractionExtras = {}) {
		return this.context.interactions.selectMenu(this, message, customId, values, extras);
	}

	public submitModal(customId: string, fields: Record<string, string>, extras: InteractionExtras = {}) {
		return this.context.interactions.submitModal(this, customId, fields, extras);
	}
}
