import { randomBytes } from 'node:crypto';
import type { Json } from './types.js';

/** One user's voice connection in a guild, as Discord tracks it. */
export class VoiceStateRecord {
	public selfMute = false;
	public selfDeaf = false;
	public suppress = false;
	public requestToSpeakTimestamp: string | null = null;

	public constructor(
		public readonly userId: string,
		public channelId: string | null,
		public sessionId: string = randomBytes(16).toString('hex')
	) {}

	/** The shape inside GUILD_CREATE (no guild_id, no member) or, with those added, the VOICE_STATE_UPDATE dispatch. */
	public toAPI(): Json {
		return {
			channel_id: this.channelId,
			user_id: this.userId,
			session_id: this.sessionId,
			deaf: false,
			mute: false,
			self_deaf: this.selfDeaf,
			self_mute: this.selfMute,
			self_video: false,
			self_stream: false,
			suppress: this.suppress,
			request_to_speak_timestamp: this.requestToSpeakTimestamp
		};
	}
}
