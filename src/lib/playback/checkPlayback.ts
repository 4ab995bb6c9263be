import type { Interaction, VoiceBasedChannel } from 'discord.js';
import { botJoinDenial } from '#lib/discord/botJoinProblem';
import type { ChangeBudget } from '#lib/discord/ChangeBudget';
import { deny, type Denial } from '#lib/discord/Denial';
import { djDenial, type MemberAccessServices } from '#lib/discord/memberAccess';
import { Preconditions } from '#lib/i18n/keys/index';
import type { Translator } from '#lib/i18n/T';
import { playbackChannel } from '#lib/playback/playbackChannel';

export interface PlaybackGateServices extends MemberAccessServices {
	/** Playback changes per member (`limits.playback_changes` per `limits.playback_window_seconds`). */
	readonly playbackChanges: ChangeBudget;
	/** The language permission names are given in. */
	readonly tFor: Translator;
}

export type PlaybackGate = { readonly ok: true; readonly channel: VoiceBasedChannel } | { readonly ok: false; readonly denial: Denial };

/**
 * The one gate in front of "play a station", for `/radio play` (its CanPlay precondition), the suggestion, Retry and
 * alternative buttons and the list's menu alike. In order: a server, a DJ (or manager), a channel to play in (the
 * caller's own, else the server's default one), a channel the bot can join and be heard in, and the member's playback
 * budget, which is spent last so that a refusal for another reason costs nothing.
 */
export async function checkPlayback(services: PlaybackGateServices, interaction: Interaction): Promise<PlaybackGate> {
	if (!interaction.inCachedGuild()) return { ok: false, denial: deny(Preconditions.GuildOnly) };
	const dj = await djDenial(services, interaction);
	if (dj) return { ok: false, denial: dj };
	const channel = await playbackChannel(services, interaction.member);
	if (!channel) return { ok: false, denial: deny(Preconditions.InVoiceChannel) };
	const cannotJoin = botJoinDenial(await services.tFor(interaction), channel);
	if (cannotJoin) return { ok: false, denial: cannotJoin };
	const rateLimited = services.playbackChanges.takeOrDeny(interaction.user.id, Preconditions.RateLimited);
	if (rateLimited) return { ok: false, denial: rateLimited };
	return { ok: true, channel };
}
