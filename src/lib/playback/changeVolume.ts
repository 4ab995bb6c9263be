import type { TFunction } from '@sapphire/plugin-i18next';
import type { ChangeBudget } from '#lib/discord/ChangeBudget';
import type { CommandMentions } from '#lib/discord/commandMention';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import { pipelineLimitMessage } from '#lib/playback/pipelineLimitMessage';
import { isWithinLimits, quantizeVolume, sessionVolume } from '#lib/playback/volume';
import type { SettingsStore } from '#lib/settings/types';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import { VolumeChangeError, type VoiceService } from '#lib/voice/VoiceService';

export interface VolumeServices {
	readonly voice: Pick<VoiceService, 'sessionFor' | 'setVolume'>;
	readonly settings: Pick<SettingsStore, 'guild'>;
	readonly playbackChanges: ChangeBudget;
	readonly mentions: CommandMentions;
	readonly logger: Log;
}

/**
 * `/radio volume`: within the server's limits, on the 5 % steps playback uses, switched seamlessly (the new stream plays
 * before the server moves to it). Returns the reply. A wrong request gives its playback change back.
 */
export async function changeVolume(services: VolumeServices, t: TFunction, guildId: string, userId: string, requested: number): Promise<string> {
	const { voice, logger } = services;
	let limits;
	try {
		limits = (await services.settings.guild(guildId)).volume;
	} catch (error) {
		logger.error({ err: error, guildId }, 'volume: server settings unreadable');
		return translate(t, Radio.VolumeLimitsUnavailable);
	}
	if (!isWithinLimits(requested, limits)) {
		logger.info({ guildId, requested, limits }, 'volume refused: outside the server limits');
		services.playbackChanges.giveBack(userId);
		return translate(t, Radio.VolumeOutOfLimits, { requested, min: limits.min, max: limits.max });
	}

	const volume = quantizeVolume(requested, limits);
	const nothingPlaying = () =>
		translate(t, Radio.VolumeNothingPlaying, { volume: sessionVolume(limits), command: services.mentions.of('radio play') });
	const current = voice.sessionFor(guildId);
	if (!current) return nothingPlaying();
	try {
		const session = await voice.setVolume(guildId, volume);
		return session ? translate(t, Radio.VolumeSet, { volume: session.volume }) : nothingPlaying();
	} catch (error) {
		if (error instanceof PipelineLimitError) {
			logger.warn({ guildId, volume, limit: error.limit, max: error.max }, 'volume refused: pipeline limit');
			services.playbackChanges.giveBack(userId);
			return pipelineLimitMessage(t, services.mentions, error.station, error.limit, error.max);
		}
		if (!(error instanceof VolumeChangeError)) throw error;
		logger.warn({ err: error, guildId, volume }, 'volume change failed');
		return translate(t, Radio.VolumeFailed, { volume: current.volume });
	}
}
