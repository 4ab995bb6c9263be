import type { TFunction } from '@sapphire/plugin-i18next';
import type { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from 'discord.js';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import { directoryResultsMessage } from '#lib/radio-ui/directoryResults';
import { DirectoryError, type DirectoryQuery, type RadioDirectory } from '#lib/stations/directory/RadioDirectory';

export interface DirectorySearchServices {
	readonly directory: Pick<RadioDirectory, 'search'>;
	readonly logger: Log;
}

export interface DirectorySearchReply {
	content?: string;
	embeds?: EmbedBuilder[];
	components?: ActionRowBuilder<ButtonBuilder>[];
}

/** /radio search: the results with their buttons, or why there are none. */
export async function directorySearchReply(
	services: DirectorySearchServices,
	t: TFunction,
	query: DirectoryQuery,
	canSave: boolean
): Promise<DirectorySearchReply> {
	let entries;
	try {
		entries = await services.directory.search(query);
	} catch (error) {
		if (!(error instanceof DirectoryError)) throw error;
		services.logger.warn({ err: error, problem: error.problem }, 'directory search failed');
		return { content: translate(t, Radio.SearchUnavailable) };
	}
	if (!entries.length) return { content: translate(t, Radio.SearchEmpty) };
	return directoryResultsMessage(t, entries, query.name, canSave);
}
