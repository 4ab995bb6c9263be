import { MessageFlags, type ActionRowBuilder, type ButtonBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { Station } from '#lib/config/types';
import type { CommandMentions } from '#lib/discord/commandMention';
import { Radio } from '#lib/i18n/keys/index';
import { translate, type Translator } from '#lib/i18n/T';
import { findStation, keptToStation, type StationLookupServices } from '#lib/playback/findStation';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

export interface PlayRequestServices extends StationLookupServices {
	readonly tFor: Translator;
	readonly mentions: CommandMentions;
}

export type PlayRequest =
	| { readonly ok: true; readonly station: Station }
	| { readonly ok: false; readonly reply: { content: string; components: ActionRowBuilder<ButtonBuilder>[] } };

/**
 * Which station `/radio play` means: the one typed or picked (see findStation), or with no station the member's last
 * one. Defers the interaction (ephemerally, as playback answers) before asking the directory over the network.
 */
export async function playRequest(
	services: PlayRequestServices,
	interaction: ChatInputCommandInteraction<'cached'>,
	query: string | null
): Promise<PlayRequest> {
	const { guildId } = interaction;
	const userId = interaction.user.id;
	const refuse = async (content: (t: Awaited<ReturnType<Translator>>) => string, suggestions: Station[] = []): Promise<PlayRequest> => ({
		ok: false,
		reply: { content: content(await services.tFor(interaction)), components: suggestions.length ? [stationButtonRow(suggestions)] : [] }
	});

	if (query === null) {
		const record = await services.memberStations.get(userId).catch(() => null);
		if (!record?.last) return refuse((t) => translate(t, Radio.PlayNoLastStation, { command: services.mentions.of('radio play') }));
		const station = keptToStation(record.last, await services.guildStations.forGuild(guildId), guildId);
		if (station) return { ok: true, station };
		return refuse((t) => translate(t, Radio.PlayLastUnavailable, { station: markdownText(record.last!.name, QuotedTextLength) }));
	}

	const station = await findStation(services, {
		guildId,
		userId,
		query,
		beforeNetwork: () => interaction.deferReply({ flags: MessageFlags.Ephemeral })
	});
	if (station) return { ok: true, station };
	const suggestions = (await services.guildStations.forGuild(guildId)).search(query, 3).map((match) => match.station);
	return refuse(
		(t) =>
			translate(t, suggestions.length ? Radio.UnknownSuggestions : Radio.PlayUnknownStation, { query: markdownText(query, QuotedTextLength) }),
		suggestions
	);
}
