import type { TFunction } from '@sapphire/plugin-i18next';
import { time, TimestampStyles } from 'discord.js';
import type { CommandMentions } from '#lib/discord/commandMention';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { SleepTimers } from '#lib/playback/SleepTimers';
import type { VoiceService } from '#lib/voice/VoiceService';

export interface SleepServices {
	readonly sleepTimers: Pick<SleepTimers, 'set' | 'cancel'>;
	readonly voice: Pick<VoiceService, 'sessionFor'>;
	readonly mentions: CommandMentions;
}

/** /radio sleep: 0 turns the server's timer off; any other number (re)starts it, if something plays. */
export function sleepReply(services: SleepServices, t: TFunction, guildId: string, userId: string, minutes: number): string {
	if (minutes === 0) {
		services.sleepTimers.cancel(guildId);
		return translate(t, Radio.SleepOff);
	}
	const session = services.voice.sessionFor(guildId);
	if (!session) return translate(t, Radio.SleepNothingPlaying, { command: services.mentions.of('radio play') });
	const endsAt = services.sleepTimers.set(session, userId, minutes);
	return translate(t, Radio.SleepSet, { time: time(endsAt, TimestampStyles.RelativeTime), command: services.mentions.of('radio sleep') });
}
