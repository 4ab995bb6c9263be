import type { ButtonInteraction } from 'discord.js';
import type { ChangeBudget } from '#lib/discord/ChangeBudget';
import type { CardButton } from '#lib/discord/customIds';
import type { Denial } from '#lib/discord/Denial';
import { djDenial, type MemberAccessServices } from '#lib/discord/memberAccess';
import { Preconditions, Radio } from '#lib/i18n/keys/index';
import { translate, type Translator } from '#lib/i18n/T';
import { changeVolume, type VolumeServices } from '#lib/playback/changeVolume';
import { UnchangedVolume, VolumeStepPercent } from '#lib/playback/volume';
import { markdownText, QuotedTextLength } from '#lib/text/userText';
import type { VoiceService } from '#lib/voice/VoiceService';

export interface CardControlServices extends MemberAccessServices, VolumeServices {
	readonly voice: Pick<VoiceService, 'sessionFor' | 'setVolume' | 'stop'>;
	readonly playbackChanges: ChangeBudget;
	readonly tFor: Translator;
}

/** The gate of the card's Stop and Volume buttons: that of /radio stop and /radio volume (DJ, then the member's playback budget). */
export async function cardControlDenial(services: CardControlServices, interaction: ButtonInteraction): Promise<Denial | null> {
	const dj = await djDenial(services, interaction);
	if (dj) return dj;
	return services.playbackChanges.takeOrDeny(interaction.user.id, Preconditions.RateLimited);
}

/**
 * A card button pressed by a member the gate let through; returns the (ephemeral) reply. Stop stops like /radio stop;
 * Quieter and Louder change the volume by one volume step, within the server's limits, like /radio volume.
 */
export async function pressCardButton(services: CardControlServices, interaction: ButtonInteraction<'cached'>, button: CardButton): Promise<string> {
	const t = await services.tFor(interaction);
	const { guildId } = interaction;
	if (button === 'stop') {
		const session = services.voice.stop(guildId);
		return session
			? translate(t, Radio.StopStopped, { station: markdownText(session.station.name, QuotedTextLength) })
			: translate(t, Radio.StopNothingPlaying);
	}
	const current = services.voice.sessionFor(guildId)?.volume ?? UnchangedVolume;
	const requested = current + (button === 'louder' ? VolumeStepPercent : -VolumeStepPercent);
	return changeVolume(services, t, guildId, interaction.user.id, requested);
}
