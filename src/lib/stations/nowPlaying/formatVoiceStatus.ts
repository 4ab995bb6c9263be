import { truncateText } from './truncateText.js';

/** Discord's limit for a voice channel status (PUT /channels/:id/voice-status), in UTF-16 code units. */
export const maxVoiceStatusLength = 500;

/** "📻 Station — Title", or "📻 Station" without a title, cut to Discord's 500-character limit. */
export function formatVoiceStatus(stationName: string, title: string | null): string {
	const trimmedTitle = title?.trim();
	const status = trimmedTitle ? `📻 ${stationName.trim()} — ${trimmedTitle}` : `📻 ${stationName.trim()}`;
	return truncateText(status, maxVoiceStatusLength);
}
