import { randomBytes } from 'node:crypto';
import type { DiscordGatewayAdapterCreator } from '@discordjs/voice';
import type { VoiceServer } from './voiceServer.js';

interface JoinPayload {
	op: number;
	d: { guild_id: string; channel_id: string | null; self_mute: boolean; self_deaf: boolean };
}

/**
 * A gateway adapter for a bare @discordjs/voice VoiceConnection, standing in for the main Discord gateway:
 * each op 4 join is answered with VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE for `server`, a leave ends the session.
 */
export function voiceServerAdapter(server: VoiceServer, userId: string): DiscordGatewayAdapterCreator {
	const sessionId = randomBytes(16).toString('hex');
	return (library) => {
		let destroyed = false;
		return {
			sendPayload(payload: JoinPayload) {
				const { guild_id: guildId, channel_id: channelId, self_mute, self_deaf } = payload.d;
				// Discord answers asynchronously; answering inside sendPayload would re-enter the connection's state setter.
				setImmediate(() => {
					if (destroyed) return;
					if (channelId === null) {
						server.endSession(guildId);
						return;
					}
					const { token } = server.expectSession({ guildId, channelId, userId, sessionId });
					const state = { guild_id: guildId, channel_id: channelId, user_id: userId, session_id: sessionId, self_mute, self_deaf };
					library.onVoiceStateUpdate({
						...state,
						deaf: false,
						mute: false,
						self_video: false,
						suppress: false,
						request_to_speak_timestamp: null
					});
					library.onVoiceServerUpdate({ token, guild_id: guildId, endpoint: server.endpoint });
				});
				return true;
			},
			destroy() {
				destroyed = true;
			}
		};
	};
}
