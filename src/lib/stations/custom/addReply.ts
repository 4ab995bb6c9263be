import type { TFunction } from '@sapphire/plugin-i18next';
import type { CommandMentions } from '#lib/discord/commandMention';
import { DiscordLimits } from '#lib/discord/limits';
import { Station } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import type { AddOutcome } from '#lib/stations/custom/customStationChanges';
import { describeRefusal, describeStreamFailure } from '#lib/stations/custom/describeRefusal';
import { MaxAliases, MaxAliasLength, MaxNameLength } from '#lib/stations/custom/validateCustomStation';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

/** What adding a server station did, in words: /station add, and Save under a /radio search result. */
export function addReply(t: TFunction, mentions: CommandMentions, outcome: AddOutcome): string {
	switch (outcome.kind) {
		case 'added': {
			const { station } = outcome;
			const added = translate(t, Station.Added, {
				station: markdownText(station.name, QuotedTextLength),
				badge: stationBadge(station),
				command: mentions.of('radio play')
			});
			return station.aliases.length
				? `${added}\n${translate(t, Station.AddedAliases, { aliases: markdownText(station.aliases.join(', '), DiscordLimits.EmbedFieldValue) })}`
				: added;
		}
		case 'limit':
			return translate(t, Station.Limit, { max: outcome.max, command: mentions.of('station remove') });
		case 'url-refused':
			return translate(t, Station.UrlRefused, { reason: describeRefusal(t, outcome.refusal) });
		case 'unplayable':
			return translate(t, Station.Unplayable, { reason: describeStreamFailure(t, outcome.reason, outcome.refusal) });
		case 'names':
			switch (outcome.problem) {
				case 'name-invalid':
					return translate(t, Station.NameInvalid, { max: MaxNameLength });
				case 'alias-invalid':
					return translate(t, Station.AliasInvalid, { alias: markdownText(outcome.alias, QuotedTextLength), max: MaxAliasLength });
				case 'too-many-aliases':
					return translate(t, Station.TooManyAliases, { max: MaxAliases });
				case 'taken':
					return translate(t, Station.Taken, {
						key: markdownText(outcome.key, QuotedTextLength),
						station: markdownText(outcome.by, QuotedTextLength)
					});
			}
	}
}
