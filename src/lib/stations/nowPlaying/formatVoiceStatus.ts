import { DiscordLimits } from '#lib/discord/limits';
import { labelText } from '#lib/text/userText';

/** Discord's limit for a voice channel status (PUT /channels/:id/voice-status), in UTF-16 code units. */
export const maxVoiceStatusLength = DiscordLimits.VoiceStatus;

/** "📻 Station — Title", or "📻 Station" without a title, as plain text cut to Discord's 500-character limit. */
export function formatVoiceStatus(stationName: string, title: string | null): string {
	const trimmedTitle = title?.trim();
	return labelText(trimmedTitle ? `📻 ${stationName} — ${trimmedTitle}` : `📻 ${stationName}`, maxVoiceStatusLength);
}
