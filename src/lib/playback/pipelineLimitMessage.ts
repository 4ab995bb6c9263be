import type { TFunction } from '@sapphire/plugin-i18next';
import type { Station } from '#lib/config/types';
import type { CommandMentions } from '#lib/discord/commandMention';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { markdownText, QuotedTextLength } from '#lib/text/userText';
import type { PipelineLimit } from '#lib/voice/PipelineBudget';

/** Why a server-added station cannot start now, and what to do instead. */
export function pipelineLimitMessage(t: TFunction, mentions: CommandMentions, station: Station, limit: PipelineLimit, max: number): string {
	const name = markdownText(station.name, QuotedTextLength);
	return limit === 'global'
		? translate(t, Radio.LimitGlobal, { station: name, command: mentions.of('radio list') })
		: translate(t, Radio.LimitServer, { station: name, max, command: mentions.of('radio stop') });
}
