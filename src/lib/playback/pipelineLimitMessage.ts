import type { TFunction } from '@sapphire/plugin-i18next';
import type { Station } from '#lib/config/types';
import { commandMention } from '#lib/discord/commandMention';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { markdownText, QuotedTextLength } from '#lib/text/userText';
import type { PipelineLimit } from '#lib/voice/PipelineBudget';

/** Why a server-added station cannot start now, and what to do instead. */
export function pipelineLimitMessage(t: TFunction, station: Station, limit: PipelineLimit, max: number): string {
	const name = markdownText(station.name, QuotedTextLength);
	return limit === 'global'
		? translate(t, Radio.LimitGlobal, { station: name, command: commandMention('radio list') })
		: translate(t, Radio.LimitServer, { station: name, max, command: commandMention('radio stop') });
}
